using System.IO.Pipelines;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Mail.Server.Net;
using SmtpServer.IO;

namespace Mail.Server.Smtp.Transport;

/// <summary>One accepted SMTP connection as SmtpServer sees it: pipes over <see cref="SmtpWireStream"/>, TLS through
/// SslStream (STARTTLS or implicit), and the connection's slot in the limiter released when it closes.</summary>
internal sealed class SmtpConnectionPipe : ISecurableDuplexPipe
{
    private readonly TcpClient _client;
    private readonly IDisposable _slot;
    private readonly TimeSpan _idleTimeout;
    private readonly ReplyRewriter _replies = new();
    private SslStream? _ssl;
    private int _disposed;

    public SmtpConnectionPipe(TcpClient client, IDisposable slot, TimeSpan idleTimeout)
    {
        _client = client;
        _slot = slot;
        _idleTimeout = idleTimeout;
        (Input, Output) = Wire(client.GetStream());
    }

    public PipeReader Input { get; private set; }

    public PipeWriter Output { get; private set; }

    /// <summary>Where the message data's CRLF prefix is decided and remembered.</summary>
    public DataPrefixInjector Data { get; } = new();

    public bool IsSecure => _ssl is not null;

    public SslProtocols SslProtocol => _ssl?.SslProtocol ?? SslProtocols.None;

    /// <summary>The negotiated cipher suite, for the Received header; null before TLS.</summary>
    public string? CipherSuite => _ssl?.NegotiatedCipherSuite.ToString();

    public async Task UpgradeAsync(X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken = default)
    {
        var ssl = await ServerTls.AuthenticateAsync(_client.GetStream(), certificate, protocols, cancellationToken).ConfigureAwait(false);

        // Fresh pipes: plaintext a client pipelined behind STARTTLS is dropped, never read as if it came over TLS.
        _ssl = ssl;
        (Input, Output) = Wire(ssl);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _ssl?.Dispose();
        _client.Dispose();
        _slot.Dispose();
    }

    private (PipeReader, PipeWriter) Wire(Stream stream)
    {
        var wire = new SmtpWireStream(stream, Data, _replies, _idleTimeout);
        return (PipeReader.Create(wire, new StreamPipeReaderOptions(leaveOpen: true)), PipeWriter.Create(wire, new StreamPipeWriterOptions(leaveOpen: true)));
    }
}
