using System.Collections.Frozen;
using System.Text;
using Mail.Directory.Addressing;
using MimeKit;

namespace Mail.Server.Store;

/// <summary>The header fields SEARCH reads most (From, To, Cc, Bcc, Subject), decoded and folded once when a body is
/// analysed and kept in the index, so FROM, TO, CC, BCC and SUBJECT searches need neither the body file nor a parse.
/// The text is one line per field occurrence: the lower-case name, a tab, the folded value.</summary>
public static class SearchHeaders
{
    private static readonly FrozenSet<string> Fields = FrozenSet.Create(StringComparer.OrdinalIgnoreCase, "from", "to", "cc", "bcc", "subject");

    /// <summary>True when <paramref name="field"/> is one of the kept fields.</summary>
    public static bool Covers(string field) => Fields.Contains(field);

    /// <summary>The kept text for a parsed header block.</summary>
    public static string Build(HeaderList headers)
    {
        var text = new StringBuilder();
        foreach (var header in headers)
        {
            if (Covers(header.Field))
            {
                // Values are unfolded already; a stray line break inside one must not start a new entry.
                var value = SearchText.Fold(header.Value).Replace('\n', ' ').Replace('\r', ' ').Replace('\t', ' ');
                text.Append(header.Field.ToLowerInvariant()).Append('\t').Append(value).Append('\n');
            }
        }

        return text.ToString();
    }

    /// <summary>True when some occurrence of <paramref name="field"/> contains <paramref name="foldedNeedle"/>
    /// (already folded); an empty needle asks only whether the field is present (RFC 9051 HEADER).</summary>
    public static bool Contains(string kept, string field, string foldedNeedle)
    {
        var rest = kept.AsSpan();
        while (rest.Length > 0)
        {
            var end = rest.IndexOf('\n');
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? [] : rest[(end + 1)..];
            var tab = line.IndexOf('\t');
            if (tab == field.Length && line[..tab].Equals(field, StringComparison.OrdinalIgnoreCase)
                && line[(tab + 1)..].Contains(foldedNeedle, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
