using System.Text;
using Mail.WebAdmin.Engine;

namespace Mail.WebAdmin.Domains;

/// <summary>Writes a record to publish as a zone-file line (RFC 1035 master file form): TXT text quoted and split into
/// strings of at most 255 octets (one DNS character-string each), names fully qualified. The host's addresses are the
/// operator's to know, so that record is written as a comment to fill in.</summary>
internal static class ZoneFileLine
{
    private const int MaxStringOctets = 255;

    public static string For(DnsRecordCheck check)
    {
        ArgumentNullException.ThrowIfNull(check);
        return check.Type switch
        {
            "TXT" => $"{check.Name} IN TXT {Quoted(check.Expected)}",
            "A/AAAA" => $"; {check.Name} IN A / AAAA: {check.Expected}",
            _ => $"{check.Name} IN {check.Type} {check.Expected}",
        };
    }

    /// <summary>Quotes <paramref name="text"/> as one or more character-strings; a DKIM key longer than 255 octets
    /// becomes several in parentheses, which resolvers join back into one text.</summary>
    public static string Quoted(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var strings = new List<string>();
        var current = new StringBuilder();
        var octets = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var escaped = rune.Value is '"' or '\\' ? "\\" + rune : rune.ToString();
            var size = rune.Utf8SequenceLength;
            if (octets + size > MaxStringOctets)
            {
                strings.Add(current.ToString());
                current.Clear();
                octets = 0;
            }

            current.Append(escaped);
            octets += size;
        }

        strings.Add(current.ToString());
        return strings.Count == 1 ? $"\"{strings[0]}\"" : $"( {string.Join(' ', strings.Select(s => $"\"{s}\""))} )";
    }
}
