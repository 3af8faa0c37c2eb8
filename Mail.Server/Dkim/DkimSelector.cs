namespace Mail.Server.Dkim;

/// <summary>DKIM selector syntax (RFC 6376 3.1: dot-separated DNS labels) and the default selector names.</summary>
internal static class DkimSelector
{
    private const int MaxLabelLength = 63;

    // The whole name SELECTOR._domainkey.DOMAIN must stay a DNS name (253 octets); 100 leaves room for long domains.
    private const int MaxLength = 100;

    /// <summary>Validates a selector and returns it lower-cased (DNS names are case-insensitive; the file name must not be).</summary>
    public static bool TryNormalize(string? text, out string selector, out string error)
    {
        selector = (text ?? string.Empty).Trim().ToLowerInvariant();
        error = string.Empty;
        if (selector.Length is 0 or > MaxLength)
        {
            error = $"DKIM selector '{text}' must be 1 to {MaxLength} characters";
            return false;
        }

        foreach (var label in selector.Split('.'))
        {
            if (label.Length is 0 or > MaxLabelLength || label[0] == '-' || label[^1] == '-' || !label.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
            {
                error = $"DKIM selector '{text}' is not a DNS name (letters, digits and '-' in dot-separated labels, no '-' at either end of a label)";
                return false;
            }
        }

        return true;
    }

    /// <summary>The selector a new key gets when none is given: algorithm and date, e.g. <c>rsa-20261129</c>,
    /// with <c>-2</c>, <c>-3</c>… when that one is taken.</summary>
    public static string Default(DkimAlgorithm algorithm, DateTimeOffset now, Func<string, bool> taken)
    {
        var stem = $"{DkimKey.NameOf(algorithm)}-{now.UtcDateTime:yyyyMMdd}";
        var candidate = stem;
        for (var n = 2; taken(candidate); n++)
        {
            candidate = $"{stem}-{n}";
        }

        return candidate;
    }
}
