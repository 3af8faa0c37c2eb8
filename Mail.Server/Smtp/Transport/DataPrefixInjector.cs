namespace Mail.Server.Smtp.Transport;

/// <summary>Puts a CRLF in front of the message data SmtpServer reads after DATA. The library finds the end of data
/// only as CRLF "." CRLF and un-stuffs dots only after a CRLF, so without the prefix an empty message (a "." right
/// after 354) hangs the session and a dot-stuffed first line keeps its extra dot. The CRLF is added only when the
/// client's last read ended exactly with the DATA command line, that is when nothing is buffered behind it: a client
/// that pipelined message bytes before the 354 (RFC 2920 forbids it) gets the library's plain behaviour.
/// <see cref="StoreDelivery"/> removes the CRLF again when <see cref="Applied"/> says it went in.</summary>
public sealed class DataPrefixInjector
{
    private const int HeadLength = 8;

    private readonly byte[] _lastLineHead = new byte[HeadLength];
    private readonly byte[] _currentHead = new byte[HeadLength];
    private int _lastLineLength = -1;
    private int _currentLength;
    private bool _pending;

    /// <summary>True when the current transaction's data was prefixed with CRLF.</summary>
    public bool Applied { get; private set; }

    /// <summary>Sees every chunk read from the client, to know where its last line ended.</summary>
    public void Observe(ReadOnlySpan<byte> chunk)
    {
        var lastLf = chunk.LastIndexOf((byte)'\n');
        if (lastLf < 0)
        {
            Extend(chunk);
            return;
        }

        // The last complete line is the one ending at lastLf; it began after the LF before it, or in an earlier chunk.
        var previousLf = chunk[..lastLf].LastIndexOf((byte)'\n');
        if (previousLf >= 0)
        {
            _currentLength = 0;
            Extend(chunk[(previousLf + 1)..(lastLf + 1)]);
        }
        else
        {
            Extend(chunk[..(lastLf + 1)]);
        }

        _currentHead.CopyTo(_lastLineHead, 0);
        _lastLineLength = _currentLength;
        _currentLength = 0;
        Extend(chunk[(lastLf + 1)..]);
    }

    /// <summary>Called when the DATA command starts: the next read returns CRLF if nothing is buffered behind it.</summary>
    public void Arm()
    {
        Applied = false;
        _pending = _currentLength == 0 && IsDataLine();
    }

    /// <summary>Called when the DATA command has finished.</summary>
    public void Disarm() => _pending = false;

    /// <summary>Writes the CRLF into <paramref name="buffer"/> when it is due; returns the bytes written (0 or 2).</summary>
    public int TryWrite(Span<byte> buffer)
    {
        if (!_pending || buffer.Length < 2)
        {
            return 0;
        }

        _pending = false;
        Applied = true;
        buffer[0] = (byte)'\r';
        buffer[1] = (byte)'\n';
        return 2;
    }

    private void Extend(ReadOnlySpan<byte> bytes)
    {
        var room = HeadLength - Math.Min(_currentLength, HeadLength);
        bytes[..Math.Min(room, bytes.Length)].CopyTo(_currentHead.AsSpan(Math.Min(_currentLength, HeadLength)));
        _currentLength += bytes.Length;
    }

    // "DATA" CRLF, allowing trailing spaces some clients send; anything longer is not a bare DATA command.
    private bool IsDataLine()
    {
        if (_lastLineLength is < 5 or > HeadLength)
        {
            return false;
        }

        var head = _lastLineHead.AsSpan(0, _lastLineLength);
        return System.Text.Ascii.EqualsIgnoreCase(head[..4], "DATA"u8) && head[4..].Trim(" \r\n"u8).IsEmpty;
    }
}
