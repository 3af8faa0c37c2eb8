using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Mail.Server.Imap.Fetch;

/// <summary>Parses a FETCH section spec from octets (RFC 9051 9: section-spec, header-list) within explicit limits;
/// never throws for what a client sent.</summary>
internal static class FetchSectionParser
{
    private const int MaxPartNumberDigits = 9;

    /// <summary>Parses the octets between "[" and "]".</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, FetchSectionLimits limits, [NotNullWhen(true)] out FetchSection? section, [NotNullWhen(false)] out string? error)
    {
        section = null;
        error = null;
        var part = new List<int>();
        var position = 0;
        while (position < text.Length && char.IsAsciiDigit((char)text[position]))
        {
            if (!TryPartNumber(text, ref position, out var number, out error))
            {
                return false;
            }

            part.Add(number);
            if (part.Count > limits.MaxPartDepth)
            {
                error = $"section has more than {limits.MaxPartDepth} part numbers";
                return false;
            }

            if (position == text.Length)
            {
                break;
            }

            if (text[position] != (byte)'.' || position + 1 == text.Length)
            {
                error = "expected '.' and more after a part number in the section";
                return false;
            }

            position++;
        }

        var rest = text[position..];
        if (rest.IsEmpty)
        {
            section = part.Count == 0 ? FetchSection.Whole : new FetchSection(part, FetchSectionText.None, []);
            return true;
        }

        if (!TryKeyword(ref rest, part.Count > 0, out var kind, out error))
        {
            return false;
        }

        var fields = new List<string>();
        if ((kind is FetchSectionText.HeaderFields or FetchSectionText.HeaderFieldsNot) && !TryFieldNames(rest, limits, fields, out error))
        {
            return false;
        }

        section = new FetchSection(part, kind, fields);
        error = null;
        return true;
    }

    private static bool TryPartNumber(ReadOnlySpan<byte> text, ref int position, out int number, [NotNullWhen(false)] out string? error)
    {
        number = 0;
        if (text[position] == (byte)'0')
        {
            error = "part numbers start at 1";
            return false;
        }

        var start = position;
        for (; position < text.Length && char.IsAsciiDigit((char)text[position]); position++)
        {
            if (position - start >= MaxPartNumberDigits)
            {
                error = "part number too large";
                return false;
            }

            number = (number * 10) + (text[position] - (byte)'0');
        }

        error = null;
        return true;
    }

    // After the keyword, "rest" is what follows it: empty, or " (names)" for HEADER.FIELDS[.NOT].
    private static bool TryKeyword(ref ReadOnlySpan<byte> rest, bool hasPart, out FetchSectionText kind, [NotNullWhen(false)] out string? error)
    {
        error = null;
        if (StartsWith(rest, "HEADER.FIELDS.NOT"u8))
        {
            kind = FetchSectionText.HeaderFieldsNot;
            rest = rest["HEADER.FIELDS.NOT".Length..];
            return true;
        }

        if (StartsWith(rest, "HEADER.FIELDS"u8))
        {
            kind = FetchSectionText.HeaderFields;
            rest = rest["HEADER.FIELDS".Length..];
            return true;
        }

        kind = Ascii.EqualsIgnoreCase(rest, "HEADER"u8) ? FetchSectionText.Header
            : Ascii.EqualsIgnoreCase(rest, "TEXT"u8) ? FetchSectionText.Text
            : Ascii.EqualsIgnoreCase(rest, "MIME"u8) && hasPart ? FetchSectionText.Mime
            : FetchSectionText.None;
        if (kind == FetchSectionText.None)
        {
            error = Ascii.EqualsIgnoreCase(rest, "MIME"u8) ? "MIME needs part numbers before it" : "unknown section; expected HEADER, HEADER.FIELDS, HEADER.FIELDS.NOT, TEXT or MIME";
            return false;
        }

        rest = default;
        return true;
    }

    private static bool StartsWith(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prefix) =>
        text.Length >= prefix.Length && Ascii.EqualsIgnoreCase(text[..prefix.Length], prefix);

    // header-list = "(" header-fld-name *(SP header-fld-name) ")"; header-fld-name = astring.
    private static bool TryFieldNames(ReadOnlySpan<byte> text, FetchSectionLimits limits, List<string> fields, [NotNullWhen(false)] out string? error)
    {
        if (text.Length < 3 || text[0] != (byte)' ' || text[1] != (byte)'(' || text[^1] != (byte)')')
        {
            error = "HEADER.FIELDS needs a parenthesised list of field names";
            return false;
        }

        var list = text[2..^1];
        var position = 0;
        while (true)
        {
            if (fields.Count == limits.MaxFieldNames)
            {
                error = $"more than {limits.MaxFieldNames} header field names";
                return false;
            }

            if (!TryFieldName(list, ref position, limits, out var name, out error))
            {
                return false;
            }

            fields.Add(name);
            if (position == list.Length)
            {
                error = null;
                return true;
            }

            if (list[position] != (byte)' ' || position + 1 == list.Length)
            {
                error = "header field names are separated by one space";
                return false;
            }

            position++;
        }
    }

    private static bool TryFieldName(ReadOnlySpan<byte> list, ref int position, FetchSectionLimits limits, [NotNullWhen(true)] out string? name, [NotNullWhen(false)] out string? error)
    {
        name = null;
        var octets = new List<byte>();
        if (position < list.Length && list[position] == (byte)'"')
        {
            for (position++; position < list.Length && list[position] != (byte)'"'; position++)
            {
                if (list[position] == (byte)'\\' && position + 1 < list.Length && list[position + 1] is (byte)'"' or (byte)'\\')
                {
                    position++;
                }

                octets.Add(list[position]);
            }

            if (position == list.Length)
            {
                error = "unterminated quoted header field name";
                return false;
            }

            position++;
        }
        else if (position < list.Length && list[position] == (byte)'{')
        {
            if (!TryLiteral(list, ref position, limits, octets, out error))
            {
                return false;
            }
        }
        else
        {
            for (; position < list.Length && list[position] is not ((byte)' ' or (byte)'(' or (byte)')' or (byte)'{' or (byte)'%' or (byte)'*' or (byte)'"' or (byte)'\\') && list[position] is > 0x20 and < 0x7f; position++)
            {
                octets.Add(list[position]);
            }
        }

        // RFC 5322 2.2: a field name is printable US-ASCII except ':'. Anything else could never match a header.
        if (octets.Count == 0 || octets.Count > limits.MaxFieldNameLength || octets.Exists(b => b is < 33 or > 126 or (byte)':'))
        {
            error = octets.Count == 0 && position < list.Length && list[position] is not (byte)' '
                ? $"unexpected character '{(char)list[position]}' in the header field list"
                : "invalid header field name";
            return false;
        }

        name = Encoding.ASCII.GetString([.. octets]).ToUpperInvariant();
        error = null;
        return true;
    }

    // A literal "{n}" CRLF n-octets, should a client send one inside the list (header-fld-name is an astring).
    private static bool TryLiteral(ReadOnlySpan<byte> list, ref int position, FetchSectionLimits limits, List<byte> octets, [NotNullWhen(false)] out string? error)
    {
        error = "invalid literal in the header field list";
        var close = list[position..].IndexOf((byte)'}');
        if (close < 0)
        {
            return false;
        }

        var digits = list.Slice(position + 1, close - 1);
        if (!digits.IsEmpty && digits[^1] == (byte)'+')
        {
            digits = digits[..^1];
        }

        if (digits.IsEmpty || digits.Length > 4 || !int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size) || size > limits.MaxFieldNameLength)
        {
            return false;
        }

        var start = position + close + 1;
        if (start + 2 + size > list.Length || list[start] != (byte)'\r' || list[start + 1] != (byte)'\n')
        {
            return false;
        }

        octets.AddRange(list.Slice(start + 2, size));
        position = start + 2 + size;
        error = null;
        return true;
    }
}
