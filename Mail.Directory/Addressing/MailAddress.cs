using System.Globalization;

namespace Mail.Directory.Addressing;

/// <summary>A validated, lower-cased ASCII mail address (local@domain) as the directory stores it.</summary>
public sealed record MailAddress
{
    private const int MaxLocalPartLength = 64;
    private const int MaxDomainLength = 253;
    private const int MaxAddressLength = 254;
    private static readonly IdnMapping Idn = new() { AllowUnassigned = false, UseStd3AsciiRules = true };

    private MailAddress(string localPart, string domain)
    {
        LocalPart = localPart;
        Domain = domain;
    }

    /// <summary>The part before the @, lower-cased.</summary>
    public string LocalPart { get; }

    /// <summary>The domain in its ASCII (A-label) form, lower-cased.</summary>
    public string Domain { get; }

    /// <summary>Parses an address or throws <see cref="FormatException"/> with a message fit for a user.</summary>
    public static MailAddress Parse(string? text)
    {
        if (TryParse(text, out var address, out var error))
        {
            return address;
        }

        throw new FormatException(error);
    }

    /// <summary>Parses an address; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out MailAddress? address, out string error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "an address is required";
            return false;
        }

        var trimmed = text.Trim();
        var at = trimmed.LastIndexOf('@');
        if (at <= 0 || at == trimmed.Length - 1)
        {
            error = $"'{trimmed}' is not a mail address (expected local@domain)";
            return false;
        }

        var local = trimmed[..at].ToLowerInvariant();
        if (!IsDotAtom(local))
        {
            // Quoted local parts, source routes and UTF-8 local parts are refused on purpose: the
            // directory's mail attributes are IA5, and quoting is a classic relay-abuse vector.
            error = $"'{trimmed}' has an invalid local part (letters, digits and !#$%&'*+-/=?^_`{{|}}~ separated by single dots)";
            return false;
        }

        if (local.Length > MaxLocalPartLength)
        {
            error = $"'{trimmed}' has a local part longer than {MaxLocalPartLength} characters";
            return false;
        }

        if (!TryNormalizeDomain(trimmed[(at + 1)..], out var domain, out error))
        {
            error = $"'{trimmed}': {error}";
            return false;
        }

        if (local.Length + 1 + domain.Length > MaxAddressLength)
        {
            error = $"'{trimmed}' is longer than {MaxAddressLength} characters";
            return false;
        }

        address = new MailAddress(local, domain);
        error = string.Empty;
        return true;
    }

    /// <summary>Validates a domain name and returns its lower-cased ASCII form (IDNs become A-labels).</summary>
    public static bool TryNormalizeDomain(string? text, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? domain, out string error)
    {
        domain = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a domain is required";
            return false;
        }

        var candidate = text.Trim().TrimEnd('.');
        try
        {
            candidate = Idn.GetAscii(candidate.Normalize(System.Text.NormalizationForm.FormC)).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            error = $"'{text.Trim()}' is not a valid domain name";
            return false;
        }

        if (candidate.Length > MaxDomainLength)
        {
            error = $"domain '{candidate}' is longer than {MaxDomainLength} characters";
            return false;
        }

        var labels = candidate.Split('.');
        if (labels.Length < 2)
        {
            error = $"'{candidate}' is not a fully qualified domain name";
            return false;
        }

        foreach (var label in labels)
        {
            if (!IsHostLabel(label))
            {
                error = $"'{candidate}' is not a valid domain name";
                return false;
            }
        }

        domain = candidate;
        error = string.Empty;
        return true;
    }

    /// <summary>Normalises a domain or throws <see cref="FormatException"/>.</summary>
    public static string NormalizeDomain(string? text) =>
        TryNormalizeDomain(text, out var domain, out var error) ? domain : throw new FormatException(error);

    /// <inheritdoc />
    public override string ToString() => LocalPart + "@" + Domain;

    private static bool IsHostLabel(string label)
    {
        if (label.Length is 0 or > 63 || label[0] == '-' || label[^1] == '-')
        {
            return false;
        }

        foreach (var c in label)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsDotAtom(string local)
    {
        if (local.Length == 0 || local[0] == '.' || local[^1] == '.')
        {
            return false;
        }

        var previousDot = false;
        foreach (var c in local)
        {
            if (c == '.')
            {
                if (previousDot)
                {
                    return false;
                }

                previousDot = true;
                continue;
            }

            previousDot = false;
            if (!IsAtext(c))
            {
                return false;
            }
        }

        return true;
    }

    // RFC 5322 atext, minus '%' which old relays treat as a routing operator (the %-hack).
    private static bool IsAtext(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$&'*+-/=?^_`{|}~".Contains(c, StringComparison.Ordinal);
}
