using System.Buffers;
using System.Text;

namespace Mail.Server.Imap.Protocol;

/// <summary>Writes IMAP strings (RFC 9051 4.3): NIL, a quoted string when the value is short and has no CR, LF or
/// NUL, else a synchronising literal. Non-ASCII (UTF-8) text is quoted only when the client enabled UTF8=ACCEPT;
/// otherwise it goes out as a literal, which every client accepts.</summary>
public static class ImapString
{
    /// <summary>Longer values are sent as literals (easier on clients' line buffers).</summary>
    public const int MaxQuoted = 1024;

    /// <summary>Writes an nstring: NIL for null.</summary>
    public static void WriteNString(IBufferWriter<byte> output, string? value, bool utf8Quoted = false)
    {
        if (value is null)
        {
            output.Write("NIL"u8);
            return;
        }

        WriteString(output, value, utf8Quoted);
    }

    /// <summary>Writes a string (quoted or literal).</summary>
    public static void WriteString(IBufferWriter<byte> output, string value, bool utf8Quoted = false)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        WriteString(output, bytes, utf8Quoted);
    }

    /// <summary>Writes raw octets as a string (quoted or literal).</summary>
    public static void WriteString(IBufferWriter<byte> output, ReadOnlySpan<byte> value, bool utf8Quoted = false)
    {
        if (CanQuote(value, utf8Quoted))
        {
            output.Write("\""u8);
            foreach (var b in value)
            {
                if (b is (byte)'"' or (byte)'\\')
                {
                    output.Write("\\"u8);
                }

                output.GetSpan(1)[0] = b;
                output.Advance(1);
            }

            output.Write("\""u8);
            return;
        }

        WriteLiteral(output, value);
    }

    /// <summary>Writes <c>{n}</c> CRLF and the octets.</summary>
    public static void WriteLiteral(IBufferWriter<byte> output, ReadOnlySpan<byte> value)
    {
        WriteAscii(output, "{" + value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}\r\n");
        output.Write(value);
    }

    /// <summary>Writes ASCII text as it is (atoms, numbers, punctuation).</summary>
    public static void WriteAscii(IBufferWriter<byte> output, string text)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }

    private static bool CanQuote(ReadOnlySpan<byte> value, bool utf8Quoted)
    {
        if (value.Length > MaxQuoted)
        {
            return false;
        }

        foreach (var b in value)
        {
            if (b is 0 or (byte)'\r' or (byte)'\n' || (b >= 0x80 && !utf8Quoted))
            {
                return false;
            }
        }

        return true;
    }
}
