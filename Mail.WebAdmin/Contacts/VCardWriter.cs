using System.Text;
using Mail.Directory;

namespace Mail.WebAdmin.Contacts;

/// <summary>The public contact list as vCard 4.0 (RFC 6350): one card per entry, UTF-8, CRLF line ends, text values
/// escaped (section 3.4) and lines folded at 75 octets without splitting a character (section 3.2).</summary>
internal static class VCardWriter
{
    private const int MaxLineOctets = 75;

    public static byte[] Write(IReadOnlyList<PublicContact> contacts)
    {
        var output = new MemoryStream();
        foreach (var contact in contacts)
        {
            Line(output, "BEGIN:VCARD");
            Line(output, "VERSION:4.0");

            // A group's members are never published, so KIND:group comes without MEMBER properties.
            Line(output, contact.Kind == PublicContactKind.Group ? "KIND:group" : "KIND:individual");
            Line(output, "FN:" + Escape(contact.Name));
            Line(output, "EMAIL;TYPE=work:" + Escape(contact.Address));
            if (contact.Title is { } title)
            {
                Line(output, "TITLE:" + Escape(title));
            }

            if (contact.Unit is { } unit)
            {
                // ORG is "organisation;unit;…"; the directory knows the unit only, written as the one component.
                Line(output, "ORG:" + Escape(unit));
            }

            Line(output, "END:VCARD");
        }

        return output.ToArray();
    }

    /// <summary>RFC 6350 section 3.4: backslash, comma, semicolon and line breaks are escaped in text values.</summary>
    internal static string Escape(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\\': builder.Append("\\\\"); break;
                case ',': builder.Append("\\,"); break;
                case ';': builder.Append("\\;"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': break;
                default: builder.Append(c); break;
            }
        }

        return builder.ToString();
    }

    /// <summary>Writes one content line, folded: after at most 75 octets a CRLF and a space, never inside a UTF-8
    /// sequence (the space counts toward the next line's 75).</summary>
    private static void Line(Stream output, string line)
    {
        var bytes = Encoding.UTF8.GetBytes(line);
        var start = 0;
        var limit = MaxLineOctets;
        while (bytes.Length - start > limit)
        {
            var end = start + limit;

            // Back up to the first byte of a character: continuation bytes are 10xxxxxx.
            while ((bytes[end] & 0xC0) == 0x80)
            {
                end--;
            }

            output.Write(bytes, start, end - start);
            output.Write("\r\n "u8);
            start = end;
            limit = MaxLineOctets - 1;
        }

        output.Write(bytes, start, bytes.Length - start);
        output.Write("\r\n"u8);
    }
}
