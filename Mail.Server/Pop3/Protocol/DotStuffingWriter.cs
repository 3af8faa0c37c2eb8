using System.Buffers;

namespace Mail.Server.Pop3.Protocol;

/// <summary>Writes a stored message as a POP3 multi-line response body (RFC 1939 section 3): every line that starts
/// with "." gets one more, and the response ends with ".". For TOP it stops after the header, the blank line and a
/// number of body lines. Fed in chunks, so a message of any size passes through a fixed buffer.</summary>
internal sealed class DotStuffingWriter(IBufferWriter<byte> output, int? bodyLines)
{
    private bool _atLineStart = true;
    private bool _inBody;
    private int _bodyLinesSent;
    private long _lineLength;
    private bool _lineStartsWithCarriageReturn;

    /// <summary>True once TOP's line count is reached: the rest of the message is not wanted.</summary>
    public bool IsFull { get; private set; }

    /// <summary>Writes the next chunk of the stored message (as much of it as is wanted).</summary>
    public void Write(ReadOnlySpan<byte> chunk)
    {
        while (!chunk.IsEmpty && !IsFull)
        {
            if (_atLineStart)
            {
                if (chunk[0] == (byte)'.')
                {
                    output.Write("."u8);
                }

                _atLineStart = false;
                _lineLength = 0;
                _lineStartsWithCarriageReturn = chunk[0] == (byte)'\r';
            }

            var newline = chunk.IndexOf((byte)'\n');
            var segment = newline < 0 ? chunk : chunk[..(newline + 1)];
            output.Write(segment);
            chunk = chunk[segment.Length..];
            if (newline < 0)
            {
                _lineLength += segment.Length;
            }
            else
            {
                _lineLength += newline;
                EndLine();
            }
        }
    }

    /// <summary>Ends the response: a line ending if the message lacked a final one, then the terminating ".".</summary>
    public void Complete()
    {
        if (!_atLineStart)
        {
            output.Write("\r\n"u8);
        }

        output.Write(".\r\n"u8);
    }

    private void EndLine()
    {
        var blank = _lineLength == 0 || (_lineLength == 1 && _lineStartsWithCarriageReturn);
        _atLineStart = true;
        if (bodyLines is not { } wanted)
        {
            return;
        }

        if (!_inBody)
        {
            // The first empty line ends the header (RFC 5322 section 2.1).
            _inBody = blank;
            IsFull = _inBody && wanted == 0;
            return;
        }

        _bodyLinesSent++;
        IsFull = _bodyLinesSent >= wanted;
    }
}
