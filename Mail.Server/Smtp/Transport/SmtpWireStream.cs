using System.Buffers;

namespace Mail.Server.Smtp.Transport;

/// <summary>The stream SmtpServer's pipes read and write for one connection (plain or TLS): reads pass through
/// <see cref="DataPrefixInjector"/> and are bounded by an idle timeout (the library has none while it reads message
/// data); writes pass through <see cref="ReplyRewriter"/>.</summary>
internal sealed class SmtpWireStream(Stream inner, DataPrefixInjector data, ReplyRewriter replies, TimeSpan idleTimeout) : Stream
{
    private readonly ArrayBufferWriter<byte> _out = new(512);

    public override bool CanRead => true;

    public override bool CanWrite => true;

    public override bool CanSeek => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var injected = data.TryWrite(buffer.Span);
        if (injected > 0)
        {
            return injected;
        }

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(idleTimeout);
        int read;
        try
        {
            read = await inner.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no data from the client for {idleTimeout.TotalSeconds:0} s");
        }

        data.Observe(buffer.Span[..read]);
        return read;
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _out.ResetWrittenCount();
        replies.Write(buffer.Span, _out);
        if (_out.WrittenCount > 0)
        {
            await inner.WriteAsync(_out.WrittenMemory, cancellationToken).ConfigureAwait(false);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    // The pipes use only the asynchronous members; the synchronous ones exist because Stream requires them.
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    public override void Flush() => inner.Flush();

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();
}
