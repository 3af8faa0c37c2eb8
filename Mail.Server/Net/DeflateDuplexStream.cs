using System.IO.Compression;

namespace Mail.Server.Net;

/// <summary>Raw DEFLATE both ways over one connection stream (IMAP COMPRESS=DEFLATE, RFC 4978): reads inflate what
/// the client sends, writes deflate what we send, and every flush is a sync flush so a response is never held back.</summary>
public sealed class DeflateDuplexStream : Stream
{
    private readonly DeflateStream _reader;

    // DeflateStream hands its output on in 8 KB pieces, each a write (and a TCP segment) of its own; collected
    // here, a response's compressed octets leave in one write at the flush.
    private readonly BufferedStream _compressed;
    private readonly DeflateStream _writer;

    public DeflateDuplexStream(Stream inner)
    {
        _reader = new DeflateStream(inner, CompressionMode.Decompress, leaveOpen: true);
        _compressed = new BufferedStream(inner, 64 * 1024);
        _writer = new DeflateStream(_compressed, CompressionLevel.Fastest, leaveOpen: true);
    }

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        _reader.ReadAsync(buffer, cancellationToken);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) =>
        _writer.WriteAsync(buffer, cancellationToken);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _reader.ReadAsync(buffer, offset, count, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        _writer.WriteAsync(buffer, offset, count, cancellationToken);

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await _writer.FlushAsync(cancellationToken).ConfigureAwait(false);
        await _compressed.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    public override int Read(byte[] buffer, int offset, int count) => _reader.Read(buffer, offset, count);

    public override void Write(byte[] buffer, int offset, int count) => _writer.Write(buffer, offset, count);

    public override void Flush()
    {
        _writer.Flush();
        _compressed.Flush();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _reader.Dispose();
            _writer.Dispose();

            // Not disposed: a BufferedStream would close the connection's stream, which is not ours to close.
            _compressed.Flush();
        }

        base.Dispose(disposing);
    }
}
