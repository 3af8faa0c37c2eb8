namespace Mail.Server.Imap.Fetch;

/// <summary>Picks header fields for HEADER.FIELDS and HEADER.FIELDS.NOT from a header's octets (RFC 9051 6.4.5).
/// </summary>
internal static class HeaderFieldFilter
{
    /// <summary>The most octets the filtered header can take: the whole header, a CRLF to end a last field that had
    /// none, and the closing blank line.</summary>
    public static int MaxOutputLength(int headerLength) => headerLength + 4;

    /// <summary>Copies into <paramref name="destination"/> the fields of <paramref name="header"/> whose names are
    /// (or, with <paramref name="exclude"/>, are not) in <paramref name="names"/> — each with its folded continuation
    /// lines, in their original order — then the blank line; returns the octets written.</summary>
    /// <remarks>Names compare ignoring ASCII case; white space before the colon (RFC 5322 4.5.3's obsolete form) is
    /// not part of the name. The header ends at its first empty line or at the end of the octets. A line that is no
    /// field (no colon) matches no name, so HEADER.FIELDS.NOT keeps it.</remarks>
    public static int Filter(ReadOnlySpan<byte> header, IReadOnlyList<string> names, bool exclude, Span<byte> destination)
    {
        var written = 0;
        var position = 0;
        while (position < header.Length)
        {
            var end = LineEnd(header, position);
            if (end - position <= 2 && IsEmptyLine(header[position..end]))
            {
                break;
            }

            // A field runs on over the lines that start with white space (folding, RFC 5322 2.2.3).
            while (end < header.Length && header[end] is (byte)' ' or (byte)'\t' && !IsEmptyLine(header[end..LineEnd(header, end)]))
            {
                end = LineEnd(header, end);
            }

            var field = header[position..end];
            if (Matches(field, names) != exclude)
            {
                field.CopyTo(destination[written..]);
                written += field.Length;
                if (field[^1] != (byte)'\n')
                {
                    "\r\n"u8.CopyTo(destination[written..]);
                    written += 2;
                }
            }

            position = end;
        }

        "\r\n"u8.CopyTo(destination[written..]);
        return written + 2;
    }

    private static int LineEnd(ReadOnlySpan<byte> header, int start)
    {
        var newline = header[start..].IndexOf((byte)'\n');
        return newline < 0 ? header.Length : start + newline + 1;
    }

    private static bool IsEmptyLine(ReadOnlySpan<byte> line) =>
        line.SequenceEqual("\r\n"u8) || line.SequenceEqual("\n"u8);

    private static bool Matches(ReadOnlySpan<byte> field, IReadOnlyList<string> names)
    {
        var colon = field.IndexOf((byte)':');
        if (colon <= 0)
        {
            return false;
        }

        var name = field[..colon].TrimEnd(" \t"u8);
        foreach (var wanted in names)
        {
            if (name.Length == wanted.Length && System.Text.Ascii.EqualsIgnoreCase(name, wanted))
            {
                return true;
            }
        }

        return false;
    }
}
