using System.Text;

namespace Mail.Server.Dkim;

/// <summary>The DNS TXT record that publishes a key, in zone-file form.</summary>
internal static class DkimDnsRecord
{
    // RFC 1035 3.3: one character-string holds at most 255 octets; longer TXT data is several strings.
    private const int MaxStringLength = 255;

    /// <summary>The owner name, <c>SELECTOR._domainkey.DOMAIN.</c></summary>
    public static string Name(string domain, DkimKey key) => $"{key.Selector}._domainkey.{domain}.";

    /// <summary>The record's text: <c>v=DKIM1; k=rsa|ed25519; p=…</c>.</summary>
    public static string Text(DkimKey key) => $"v=DKIM1; k={key.AlgorithmName}; p={key.PublicKey}";

    /// <summary>One zone-file line: <c>SELECTOR._domainkey.DOMAIN. IN TXT ( "…" "…" )</c>, the text split at 255 octets.</summary>
    public static string ZoneLine(string domain, DkimKey key)
    {
        var text = Text(key);
        var line = new StringBuilder(Name(domain, key)).Append(" IN TXT (");

        // The text is ASCII (tags and base64), so characters are octets and need no escaping.
        for (var start = 0; start < text.Length; start += MaxStringLength)
        {
            line.Append(" \"").Append(text, start, Math.Min(MaxStringLength, text.Length - start)).Append('"');
        }

        return line.Append(" )").ToString();
    }
}
