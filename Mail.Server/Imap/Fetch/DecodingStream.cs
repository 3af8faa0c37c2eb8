using System.Buffers;
using MimeKit.Encodings;

namespace Mail.Server.Imap.Fetch;

/// <summary>Reads a part's content with its transfer encoding undone, as it goes (BINARY of a large attachment is
/// never held whole): skips <c>skip</c> decoded octets, then yields at most <c>length</c>.</summary>
internal sealed class DecodingStream : Stream
{
    private const int ChunkSize = 64 * 1024;

    private readonly Stream _encoded;
    private readonly IMimeDecoder _decoder;
    private byte[]? _input;
    private byte[]? _output;
    private int _outputStart;
    private int _outputEnd;
    private long _skip;
    private long _remaining;
    private bool _ended;

    /// <summary>Decodes <paramref name="encoded"/> (which this stream disposes) with <paramref name="decoder"/>.
    /// </summary>
    public DecodingStream(Stream encoded, IMimeDecoder decoder, long skip, long length)
    {
        _encoded = encoded;
        _decoder = decoder;
        _skip = skip;
        _remaining = length;
        _input = ArrayPool<byte>.Shared.Rent(ChunkSize);
        _output = ArrayPool<byte>.Shared.Rent(decoder.EstimateOutputLength(ChunkSize));
    }

    /// <inheritdoc/>
    public override bool CanRead => true;

    /// <inheritdoc/>
    public override bool CanSeek => false;

    /// <inheritdoc/>
    public override bool CanWrite => false;

    /// <inheritdoc/>
    public override long Length => throw new NotSupportedException();

    /// <inheritdoc/>
    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <inheritdoc/>
    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    /// <inheritdoc/>
    public override int Read(Span<byte> buffer)
    {
        while (true)
        {
            var taken = Take(buffer);
            if (taken >= 0)
            {
                return taken;
            }

            Decode(_encoded.Read(Input().Span));
        }
    }

    /// <inheritdoc/>
    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    /// <inheritdoc/>
    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var taken = Take(buffer.Span);
            if (taken >= 0)
            {
                return taken;
            }

            Decode(await _encoded.ReadAsync(Input(), cancellationToken).ConfigureAwait(false));
        }
    }

    /// <inheritdoc/>
    public override void Flush()
    {
    }

    /// <inheritdoc/>
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <inheritdoc/>
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _encoded.Dispose();
            Return(ref _input);
            Return(ref _output);
        }

        base.Dispose(disposing);
    }

    private static void Return(ref byte[]? buffer)
    {
        if (buffer is not null)
        {
            ArrayPool<byte>.Shared.Return(buffer);
            buffer = null;
        }
    }

    private Memory<byte> Input() => (_input ?? throw new ObjectDisposedException(nameof(DecodingStream))).AsMemory(0, ChunkSize);

    // Serves decoded octets already at hand: the count copied, 0 at the end, -1 when more must be decoded first.
    private int Take(Span<byte> destination)
    {
        while (_remaining > 0 && destination.Length > 0)
        {
            var available = _outputEnd - _outputStart;
            if (available == 0)
            {
                return _ended ? 0 : -1;
            }

            if (_skip > 0)
            {
                var skipped = (int)Math.Min(_skip, available);
                _outputStart += skipped;
                _skip -= skipped;
                continue;
            }

            var count = (int)Math.Min(Math.Min(available, destination.Length), _remaining);
            _output.AsSpan(_outputStart, count).CopyTo(destination);
            _outputStart += count;
            _remaining -= count;
            return count;
        }

        return 0;
    }

    private void Decode(int read)
    {
        if (read == 0)
        {
            _ended = true;
            return;
        }

        _outputStart = 0;
        _outputEnd = _decoder.Decode(_input!, 0, read, _output!);
    }
}
