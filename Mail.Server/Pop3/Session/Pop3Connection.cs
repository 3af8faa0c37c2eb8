using System.Buffers;
using System.IO.Pipelines;
using System.Net;
using System.Text;
using Mail.Server.Net;
using Mail.Server.Pop3.Protocol;

namespace Mail.Server.Pop3.Session;

/// <summary>The bytes of one POP3 connection: lines in (bounded), replies out, and the switch to TLS for STLS.</summary>
internal sealed class Pop3Connection : IAsyncDisposable
{
    private readonly ClientConnection _client;
    private PipeReader _input;
    private Pop3LineReader _lines;

    /// <summary>Wraps an accepted connection (already TLS on an implicit-TLS port).</summary>
    public Pop3Connection(ClientConnection client)
    {
        _client = client;
        (_input, Output) = Pipes(client.Stream);
        _lines = new Pop3LineReader(_input);
    }

    /// <summary>Where replies and message data are written; <see cref="FlushAsync"/> sends them.</summary>
    public PipeWriter Output { get; private set; }

    /// <summary>True once TLS is up.</summary>
    public bool IsSecure => _client.IsSecure;

    /// <summary>True for a client on the loopback interface.</summary>
    public bool IsLoopback => _client.IsLoopback;

    /// <summary>The client's address and port.</summary>
    public IPEndPoint Remote => _client.Remote;

    /// <summary>Reads the next line of at most <paramref name="limit"/> octets.</summary>
    public ValueTask<Pop3Line> ReadLineAsync(int limit, CancellationToken cancellationToken) =>
        _lines.ReadLineAsync(limit, cancellationToken);

    /// <summary>Queues one reply line; CRLF is added.</summary>
    public void WriteLine(string line)
    {
        Encoding.UTF8.GetBytes(line, Output);
        Output.Write("\r\n"u8);
    }

    /// <summary>Sends what was queued; throws <see cref="IOException"/> when the client is gone.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken)
    {
        var result = await Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        if (result.IsCompleted)
        {
            throw new IOException("the client closed the connection");
        }
    }

    /// <summary>Starts TLS after the STLS reply was sent. Whatever the client sent behind STLS in plaintext stays in
    /// the old reader and is dropped (RFC 2595 section 4, RFC 3207's command injection).</summary>
    public async Task StartTlsAsync(CancellationToken cancellationToken)
    {
        await _input.CompleteAsync().ConfigureAwait(false);
        await Output.CompleteAsync().ConfigureAwait(false);
        await _client.UpgradeAsync(cancellationToken).ConfigureAwait(false);
        (_input, Output) = Pipes(_client.Stream);
        _lines = new Pop3LineReader(_input);
    }

    /// <summary>Stops reading and writing; the server closes the socket.</summary>
    public async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync().ConfigureAwait(false);
        try
        {
            await Output.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or System.Net.Sockets.SocketException)
        {
            // Completing sends what is still queued; a client that left cannot receive it.
        }
    }

    private static (PipeReader Input, PipeWriter Output) Pipes(Stream stream) =>
        (PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 4096, leaveOpen: true)),
         PipeWriter.Create(stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true)));
}
