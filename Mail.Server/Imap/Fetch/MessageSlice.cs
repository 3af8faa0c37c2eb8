namespace Mail.Server.Imap.Fetch;

/// <summary>A read-only view of a range of a stored message's stream. Each read seeks the message stream first, so
/// several slices of one message can be read one after the other without reopening the file; they must not be read
/// concurrently, and disposing a slice leaves the message stream open.</summary>
internal sealed class MessageSlice : Stream
{
    private readonly Stream _message;
    private readonly long _start;
    private readonly long _length;
    private long _position;

    /// <summary>Views <paramref name="length"/> octets of <paramref name="message"/> (seekable) from
    /// <paramref name="start"/>.</summary>
    public MessageSlice(Stream message, long start, long length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        if (!message.CanSeek)
        {
            throw new ArgumentException("the message stream must be seekable", nameof(message));
        }

        _message = message;
        _start = start;
        _length = length;
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => true;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => _length;

    /// <inheritdoc/>
    public override long Position
    {
        get => _position;
        set => _position = Math.Clamp(value, 0, _length);
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        _message.Position = _start + _position;
        var read = _message.Read(buffer[..wanted]);
        _position += read;
        return read;
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var wanted = Wanted(buffer.Length);
        if (wanted == 0)
        {
            return 0;
        }

        _message.Position = _start + _position;
        var read = await _message.ReadAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        _position += read;
        return read;
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) =>
        Position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => _length + offset,
        };

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Wanted(int space) => (int)Math.Min(space, _length - _position);
}
