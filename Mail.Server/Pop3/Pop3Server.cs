using System.Net;
using System.Security.Cryptography.X509Certificates;
using Mail.Directory;
using Mail.Server.Hosting;
using Mail.Server.Net;
using Mail.Server.Pop3.Session;
using Mail.Server.Security;
using Mail.Server.Store;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Pop3;

/// <summary>The POP3 listeners: Mail:Pop3:Port with STLS and Mail:Pop3Tls:Port with implicit TLS (port 0 leaves one
/// out), on Mail:Listen:Address ("::" with its IPv4 twin), sharing one connection limiter from Mail:Limits.</summary>
internal sealed class Pop3Server : IAsyncDisposable
{
    private static readonly byte[] Refusal = "-ERR [SYS/TEMP] too many connections\r\n"u8.ToArray();
    private readonly List<TcpServer> _servers = [];

    private Pop3Server()
    {
    }

    /// <summary>Builds the listeners (not yet started); <paramref name="configure"/> may adjust the session limits.</summary>
    public static Pop3Server Create(
        ApplianceOptions options, MailDirectory directory, MessageStore store, AuthThrottle throttle, X509Certificate2 certificate,
        ILogger logger, Action<Pop3Options>? configure = null)
    {
        var pop3 = new Pop3Options { Hostname = options.Hostname, AllowPlaintextAuthOnLoopback = options.AllowPlaintextAuthOnLoopback };
        configure?.Invoke(pop3);
        var handler = new Pop3ConnectionHandler(pop3, new Pop3Login(directory.Authenticator, throttle, store), logger);
        var limiter = new ConnectionLimiter(options.Limits.Pop3ConnectionsPerAddress, options.Limits.Pop3Connections);

        // TcpServer binds IPv6 sockets v6-only, so "::" needs an IPv4 twin to be dual-stack.
        var addresses = ListenEndpoints.Addresses(options.Listen.Address);
        var server = new Pop3Server();
        if (options.Pop3.Port > 0)
        {
            server._servers.Add(new TcpServer("pop3", Endpoints(addresses, options.Pop3.Port), implicitTls: false, certificate, limiter, Refusal, handler, logger));
        }

        if (options.Pop3Tls.Port > 0)
        {
            server._servers.Add(new TcpServer("pop3s", Endpoints(addresses, options.Pop3Tls.Port), implicitTls: true, certificate, limiter, Refusal, handler, logger));
        }

        return server;
    }

    /// <summary>Binds and starts accepting.</summary>
    public void Start()
    {
        foreach (var server in _servers)
        {
            server.Start();
        }
    }

    /// <summary>Stops accepting and ends every session (without UPDATE: nothing marked is deleted).</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _servers.Clear();
    }

    private static IPEndPoint[] Endpoints(IReadOnlyList<IPAddress> addresses, int port) => [.. addresses.Select(a => new IPEndPoint(a, port))];
}
