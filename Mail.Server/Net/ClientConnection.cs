using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Mail.Server.Net;

/// <summary>One accepted client of IMAP or POP3: the stream to talk over (TLS once upgraded), the addresses, and the
/// connection's slot in the limiter, released when it is disposed.</summary>
public sealed class ClientConnection : IAsyncDisposable
{
    private readonly TcpClient _client;
    private readonly IDisposable _slot;
    private SslStream? _ssl;
    private int _disposed;

    internal ClientConnection(TcpClient client, IDisposable slot, X509Certificate2 certificate)
    {
        _client = client;
        _slot = slot;
        Certificate = certificate;
        Remote = (IPEndPoint)client.Client.RemoteEndPoint!;
        Local = (IPEndPoint)client.Client.LocalEndPoint!;
        Stream = client.GetStream();
    }

    /// <summary>The client's address and port.</summary>
    public IPEndPoint Remote { get; }

    /// <summary>Our address and port the client connected to.</summary>
    public IPEndPoint Local { get; }

    /// <summary>The stream to read and write: the socket, or TLS over it after <see cref="UpgradeAsync"/>.</summary>
    public Stream Stream { get; private set; }

    /// <summary>True once TLS is up.</summary>
    public bool IsSecure => _ssl is not null;

    /// <summary>True for a client on the loopback interface (tests, a local proxy).</summary>
    public bool IsLoopback => IPAddress.IsLoopback(Remote.Address);

    /// <summary>The negotiated TLS version and cipher suite, for logs and headers; null before TLS.</summary>
    public string? TlsDescription => _ssl is null ? null : $"{_ssl.SslProtocol} {_ssl.NegotiatedCipherSuite}";

    private X509Certificate2 Certificate { get; }

    /// <summary>Starts TLS as the server (TLS 1.2 or 1.3) within a deadline; the caller must drop anything it
    /// buffered from the plain stream, so plaintext sent behind STARTTLS is never taken as protected.</summary>
    public async Task UpgradeAsync(CancellationToken cancellationToken)
    {
        if (_ssl is not null)
        {
            throw new InvalidOperationException("TLS is already active");
        }

        var ssl = await ServerTls.AuthenticateAsync(_client.GetStream(), Certificate, ServerTls.Protocols, cancellationToken).ConfigureAwait(false);
        _ssl = ssl;
        Stream = ssl;
    }

    /// <summary>Closes the connection and frees its slot.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        if (_ssl is not null)
        {
            await _ssl.DisposeAsync().ConfigureAwait(false);
        }

        _client.Dispose();
        _slot.Dispose();
    }
}
