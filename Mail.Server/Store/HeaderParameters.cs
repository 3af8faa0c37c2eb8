using System.Text;

namespace Mail.Server.Store;

/// <summary>Reads the parameters of a Content-Type or Content-Disposition value (RFC 2045 5.1) as IMAP's body
/// parameter list carries them: attribute and value as the header has them, not decoded.</summary>
/// <remarks>RFC 3501/9051 define body-fld-param as the header's attribute/value pairs and RFC 2231 does not change
/// IMAP, so an RFC 2231 value goes out as sent (<c>"name*" "utf-8''Bi%C3%AAn.pdf"</c>) and the client decodes it; an
/// RFC 2047 word inside quotes stays a word. Continuations are joined the way Dovecot joins them
/// (rfc2231-parser.c): <c>k*0=a; k*1=b</c> gives <c>k</c> "ab"; when any section is extended the result is
/// <c>k*</c>, its plain sections %-escaped and <c>''</c> put first when the first section is plain. Plain parameters
/// keep their order and come first, joined ones follow sorted by attribute. The first of repeated attributes wins.
/// Values are the header's octets read as UTF-8 (raw UTF-8 parameters exist in the wild).</remarks>
internal static class HeaderParameters
{
    /// <summary>More parameters than any real header has; the rest are ignored.</summary>
    public const int MaxParameters = 64;

    /// <summary>The parameters of <paramref name="value"/>, the unfolded field value after the colon.</summary>
    public static Dictionary<string, string> Read(ReadOnlySpan<byte> value)
    {
        var plain = new Dictionary<string, string>(StringComparer.Ordinal);
        var sections = new List<(string Base, int Index, bool Extended, string Value)>();
        var position = SkipToSemicolon(value, 0);
        var count = 0;
        while (position < value.Length && count < MaxParameters)
        {
            // At a ';'.
            position = SkipWhite(value, position + 1);
            var start = position;
            while (position < value.Length && IsTokenByte(value[position]))
            {
                position++;
            }

            var attribute = Encoding.UTF8.GetString(value[start..position]);
            position = SkipWhite(value, position);
            if (attribute.Length == 0 || position >= value.Length || value[position] != (byte)'=')
            {
                position = SkipToSemicolon(value, position);
                continue;
            }

            position = SkipWhite(value, position + 1);
            string text;
            if (position < value.Length && value[position] == (byte)'"')
            {
                (text, position) = Quoted(value, position);
            }
            else
            {
                start = position;
                while (position < value.Length && IsTokenByte(value[position]))
                {
                    position++;
                }

                text = Encoding.UTF8.GetString(value[start..position]);
            }

            count++;
            var star = attribute.IndexOf('*', StringComparison.Ordinal);
            if (star < 0)
            {
                plain.TryAdd(attribute, text);
            }
            else if (Section(attribute.AsSpan(star + 1)) is { } section)
            {
                sections.Add((attribute[..star], section.Index, section.Extended, text));
            }

            position = SkipToSemicolon(value, position);
        }

        foreach (var (name, joined) in Join(sections))
        {
            plain.TryAdd(name, joined);
        }

        return plain;
    }

    // "*" alone is one extended section; "N" or "N*" is section N; anything else is not RFC 2231 and is dropped.
    private static (int Index, bool Extended)? Section(ReadOnlySpan<char> suffix)
    {
        if (suffix.Length == 0)
        {
            return (0, true);
        }

        var extended = suffix[^1] == '*';
        var digits = extended ? suffix[..^1] : suffix;
        return digits.Length is > 0 and <= 3 && int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            ? (index, extended)
            : null;
    }

    private static IEnumerable<(string Name, string Value)> Join(List<(string Base, int Index, bool Extended, string Value)> sections)
    {
        sections.Sort((a, b) => string.CompareOrdinal(a.Base, b.Base) is var byName and not 0 ? byName : a.Index.CompareTo(b.Index));
        for (var i = 0; i < sections.Count;)
        {
            var end = i;
            var extended = false;
            while (end < sections.Count && sections[end].Base == sections[i].Base)
            {
                extended |= sections[end].Extended;
                end++;
            }

            var joined = new StringBuilder();
            if (extended && !sections[i].Extended)
            {
                // An extended value starts with charset'language'; a plain first section has neither.
                joined.Append("''");
            }

            for (var j = i; j < end; j++)
            {
                if (j > i && sections[j].Index == sections[j - 1].Index)
                {
                    continue;
                }

                joined.Append(extended && !sections[j].Extended ? sections[j].Value.Replace("%", "%25", StringComparison.Ordinal) : sections[j].Value);
            }

            yield return (extended ? sections[i].Base + "*" : sections[i].Base, joined.ToString());
            i = end;
        }
    }

    private static (string Text, int Position) Quoted(ReadOnlySpan<byte> value, int position)
    {
        var bytes = new List<byte>();
        for (position++; position < value.Length && value[position] != (byte)'"'; position++)
        {
            if (value[position] == (byte)'\\' && position + 1 < value.Length)
            {
                position++;
            }

            bytes.Add(value[position]);
        }

        return (Encoding.UTF8.GetString([.. bytes]), Math.Min(position + 1, value.Length));
    }

    // The next ';' outside quoted strings and comments, or the end.
    private static int SkipToSemicolon(ReadOnlySpan<byte> value, int position)
    {
        var depth = 0;
        for (; position < value.Length; position++)
        {
            var b = value[position];
            if (b == (byte)'\\')
            {
                position++;
            }
            else if (b == (byte)'"' && depth == 0)
            {
                position = Quoted(value, position).Position - 1;
            }
            else if (b == (byte)'(')
            {
                depth++;
            }
            else if (b == (byte)')' && depth > 0)
            {
                depth--;
            }
            else if (b == (byte)';' && depth == 0)
            {
                return position;
            }
        }

        return value.Length;
    }

    // White space and comments (CFWS), which may stand around every part of a parameter.
    private static int SkipWhite(ReadOnlySpan<byte> value, int position)
    {
        while (position < value.Length)
        {
            var b = value[position];
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
            {
                position++;
            }
            else if (b == (byte)'(')
            {
                var depth = 0;
                for (; position < value.Length; position++)
                {
                    if (value[position] == (byte)'\\')
                    {
                        position++;
                        continue;
                    }

                    depth += value[position] switch { (byte)'(' => 1, (byte)')' => -1, _ => 0 };
                    if (depth == 0)
                    {
                        position++;
                        break;
                    }
                }
            }
            else
            {
                break;
            }
        }

        return position;
    }

    // RFC 2045 token: any CHAR but SPACE, CTLs and tspecials; octets above 127 are taken too (raw UTF-8 in the wild).
    private static bool IsTokenByte(byte b) =>
        b > 32 && b != 127 && b is not ((byte)'(' or (byte)')' or (byte)'<' or (byte)'>' or (byte)'@' or (byte)',' or (byte)';' or (byte)':'
            or (byte)'\\' or (byte)'"' or (byte)'/' or (byte)'[' or (byte)']' or (byte)'?' or (byte)'=');
}
