using System.Globalization;

namespace Mail.Server.Auth;

/// <summary>A parsed DMARC policy record (RFC 7489 6.3): the policies, the alignment modes and pct=.</summary>
/// <param name="Policy">p=, for the domain the record was published at.</param>
/// <param name="SubdomainPolicy">sp=, for subdomains when the record was found at the organisational domain
/// (p= when absent).</param>
/// <param name="StrictDkim">adkim=s.</param>
/// <param name="StrictSpf">aspf=s.</param>
/// <param name="Percent">pct=, the share of failing mail the policy applies to (0 to 100).</param>
public sealed record DmarcRecord(DmarcPolicy Policy, DmarcPolicy SubdomainPolicy, bool StrictDkim, bool StrictSpf, int Percent)
{
    /// <summary>True when <paramref name="text"/> starts with the version tag, so it is a DMARC record at all
    /// (6.6.3: other TXT records at _dmarc are ignored).</summary>
    public static bool IsDmarc(string text)
    {
        var first = text.Split(';', 2)[0].Trim();
        var equals = first.IndexOf('=', StringComparison.Ordinal);
        return equals > 0 && first[..equals].Trim() == "v" && first[(equals + 1)..].Trim() == "DMARC1";
    }

    /// <summary>Parses a record whose <see cref="IsDmarc"/> is true; null when it cannot be used (no valid p= and no
    /// rua= to fall back on p=none with, an invalid sp=, adkim=, aspf= or pct=).</summary>
    public static DmarcRecord? Parse(string text)
    {
        var tags = TagValueList.Parse(text, StringComparer.OrdinalIgnoreCase);

        DmarcPolicy? policy = tags.TryGetValue("p", out var p) ? ParsePolicy(p) : null;
        if (policy is null)
        {
            // 6.6.3 step 6: a record without a valid p= still counts as p=none when it asks for reports.
            if (!tags.ContainsKey("rua"))
            {
                return null;
            }

            policy = DmarcPolicy.None;
        }

        var subdomain = policy.Value;
        if (tags.TryGetValue("sp", out var sp))
        {
            if (ParsePolicy(sp) is not { } parsed)
            {
                return null;
            }

            subdomain = parsed;
        }

        var percent = 100;
        if (tags.TryGetValue("pct", out var pct) && (!int.TryParse(pct, NumberStyles.None, CultureInfo.InvariantCulture, out percent) || percent > 100))
        {
            return null;
        }

        return ParseMode(tags, "adkim") is { } strictDkim && ParseMode(tags, "aspf") is { } strictSpf
            ? new DmarcRecord(policy.Value, subdomain, strictDkim, strictSpf, percent)
            : null;
    }

    private static DmarcPolicy? ParsePolicy(string value) => value.ToUpperInvariant() switch
    {
        "NONE" => DmarcPolicy.None,
        "QUARANTINE" => DmarcPolicy.Quarantine,
        "REJECT" => DmarcPolicy.Reject,
        _ => null,
    };

    // True for s (strict), false for r (relaxed, the default), null for anything else.
    private static bool? ParseMode(Dictionary<string, string> tags, string name) =>
        !tags.TryGetValue(name, out var value) ? false : value.ToUpperInvariant() switch
        {
            "S" => true,
            "R" => false,
            _ => null,
        };
}
