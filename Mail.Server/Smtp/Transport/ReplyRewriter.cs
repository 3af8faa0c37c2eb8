using System.Buffers;

namespace Mail.Server.Smtp.Transport;

/// <summary>Rewrites SmtpServer's replies on their way out: adds an RFC 3463 enhanced status code to every
/// 2xx/4xx/5xx reply that lacks one (the library's own "250 Ok", "235 go ahead", "221 bye"…) and removes the
/// ", N retry(ies) remaining." the library appends to replies raised by exceptions. The greeting and multi-line
/// (EHLO) replies pass unchanged, as RFC 2034 exempts them; a command out of sequence gets 503 instead of 501. State spans the session (one instance per connection).</summary>
public sealed class ReplyRewriter
{
    /// <summary>A reply line longer than this is passed through as it is.</summary>
    public const int MaxLine = 2048;

    private static ReadOnlySpan<byte> RetrySuffix => " retry(ies) remaining."u8;

    private readonly byte[] _partial = new byte[MaxLine];
    private int _partialLength;
    private bool _passingLongLine;
    private bool _greeted;
    private bool _inMultiline;

    /// <summary>Feeds bytes the library wrote; complete lines (rewritten) go to <paramref name="output"/>, a
    /// partial line waits for its end.</summary>
    public void Write(ReadOnlySpan<byte> data, IBufferWriter<byte> output)
    {
        while (!data.IsEmpty)
        {
            var lf = data.IndexOf((byte)'\n');
            if (_passingLongLine)
            {
                var end = lf < 0 ? data.Length : lf + 1;
                output.Write(data[..end]);
                _passingLongLine = lf < 0;
                data = data[end..];
                continue;
            }

            if (lf < 0)
            {
                if (_partialLength + data.Length > MaxLine)
                {
                    output.Write(_partial.AsSpan(0, _partialLength));
                    output.Write(data);
                    _partialLength = 0;
                    _passingLongLine = true;
                }
                else
                {
                    data.CopyTo(_partial.AsSpan(_partialLength));
                    _partialLength += data.Length;
                }

                return;
            }

            var line = data[..(lf + 1)];
            data = data[(lf + 1)..];
            if (_partialLength == 0)
            {
                WriteLine(line, output);
            }
            else if (_partialLength + line.Length > MaxLine)
            {
                output.Write(_partial.AsSpan(0, _partialLength));
                output.Write(line);
                _partialLength = 0;
            }
            else
            {
                line.CopyTo(_partial.AsSpan(_partialLength));
                var whole = _partial.AsSpan(0, _partialLength + line.Length);
                _partialLength = 0;
                WriteLine(whole, output);
            }
        }
    }

    /// <summary>The enhanced code for a reply the library wrote without one.</summary>
    public static string EnhancedCodeFor(int code) => code switch
    {
        235 => "2.7.0",
        < 300 => "2.0.0",
        421 => "4.4.2",
        432 => "4.7.12",
        454 => "4.7.0",
        < 500 => "4.0.0",
        500 or 501 => "5.5.2",
        502 or 503 => "5.5.1",
        504 => "5.5.4",
        530 => "5.7.0",
        534 => "5.7.9",
        535 => "5.7.8",
        538 => "5.7.11",
        550 => "5.1.0",
        552 => "5.3.4",
        553 => "5.1.3",
        554 => "5.5.1",
        _ => "5.0.0",
    };

    private void WriteLine(ReadOnlySpan<byte> line, IBufferWriter<byte> output)
    {
        if (!_greeted)
        {
            _greeted = true;
            output.Write(line);
            return;
        }

        if (line.Length >= 4 && line[3] == (byte)'-')
        {
            _inMultiline = true;
            output.Write(line);
            return;
        }

        if (_inMultiline)
        {
            _inMultiline = false;
            output.Write(line);
            return;
        }

        var content = WithoutRetrySuffix(TrimLineEnd(line));

        // The library answers a command in the wrong state with "501 expected …"; RFC 5321 4.3.2 says 503.
        if (content.StartsWith("501 expected "u8))
        {
            output.Write("503 5.5.1 bad sequence of commands: "u8);
            output.Write(content[4..]);
            output.Write("\r\n"u8);
            return;
        }

        if (content.Length >= 3 && IsDigits(content[..3]) && content[0] is (byte)'2' or (byte)'4' or (byte)'5'
            && (content.Length == 3 || content[3] == (byte)' ') && !StartsWithEnhancedCode(content.Length > 4 ? content[4..] : []))
        {
            var code = ((content[0] - '0') * 100) + ((content[1] - '0') * 10) + (content[2] - '0');
            output.Write(content[..3]);
            output.Write(" "u8);
            WriteAscii(EnhancedCodeFor(code), output);
            if (content.Length > 4)
            {
                output.Write(" "u8);
                output.Write(content[4..]);
            }
        }
        else
        {
            output.Write(content);
        }

        output.Write("\r\n"u8);
    }

    private static ReadOnlySpan<byte> TrimLineEnd(ReadOnlySpan<byte> line)
    {
        if (line.Length > 0 && line[^1] == (byte)'\n')
        {
            line = line[..^1];
        }

        return line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;
    }

    // ", 999 retry(ies) remaining." — digits, then ", " before them.
    private static ReadOnlySpan<byte> WithoutRetrySuffix(ReadOnlySpan<byte> content)
    {
        if (!content.EndsWith(RetrySuffix))
        {
            return content;
        }

        var rest = content[..^RetrySuffix.Length];
        var digits = 0;
        while (digits < rest.Length && char.IsAsciiDigit((char)rest[rest.Length - 1 - digits]))
        {
            digits++;
        }

        rest = rest[..^digits];
        return digits > 0 && rest.EndsWith(", "u8) ? rest[..^2] : content;
    }

    private static bool StartsWithEnhancedCode(ReadOnlySpan<byte> text)
    {
        // class "." subject "." detail, each 1–3 digits (class one digit), then a space or the end.
        if (text.Length < 5 || text[0] is not ((byte)'2' or (byte)'4' or (byte)'5') || text[1] != (byte)'.')
        {
            return false;
        }

        var i = 2;
        for (var part = 0; part < 2; part++)
        {
            var start = i;
            while (i < text.Length && i - start < 3 && char.IsAsciiDigit((char)text[i]))
            {
                i++;
            }

            if (i == start)
            {
                return false;
            }

            if (part == 0)
            {
                if (i >= text.Length || text[i] != (byte)'.')
                {
                    return false;
                }

                i++;
            }
        }

        return i == text.Length || text[i] == (byte)' ';
    }

    private static bool IsDigits(ReadOnlySpan<byte> span)
    {
        foreach (var b in span)
        {
            if (!char.IsAsciiDigit((char)b))
            {
                return false;
            }
        }

        return true;
    }

    private static void WriteAscii(string text, IBufferWriter<byte> output)
    {
        var span = output.GetSpan(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            span[i] = (byte)text[i];
        }

        output.Advance(text.Length);
    }
}
