using System.Security.Cryptography.X509Certificates;
using Mail.Server.Security;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Net;

/// <summary>A client protocol's two listeners, as IMAP and POP3 both have them: a plain port (with STARTTLS/STLS)
/// and an implicit-TLS port, on one listen address ("::" with its IPv4 twin), sharing one connection limiter and its
/// refusal line. A port of 0 leaves that listener out.</summary>
public sealed class ListenerPair : IAsyncDisposable
{
    private readonly List<TcpServer> _servers = [];

    private ListenerPair()
    {
    }

    /// <summary>Builds the listeners (not yet started); <paramref name="handlerFor"/> gives the handler for the
    /// plain (false) or implicit-TLS (true) port.</summary>
    public static ListenerPair Create(
        string listenAddress, (string Name, int Port) plain, (string Name, int Port) implicitTls, X509Certificate2 certificate,
        ConnectionLimiter limiter, ReadOnlyMemory<byte> refusal, Func<bool, IConnectionHandler> handlerFor, ILogger logger)
    {
        var pair = new ListenerPair();
        foreach (var ((name, port), tls) in new[] { (plain, false), (implicitTls, true) })
        {
            if (port > 0)
            {
                pair._servers.Add(new TcpServer(name, ListenEndpoints.For(listenAddress, port), tls, certificate, limiter, refusal, handlerFor(tls), logger));
            }
        }

        return pair;
    }

    /// <summary>Binds and starts accepting.</summary>
    public void Start()
    {
        foreach (var server in _servers)
        {
            server.Start();
        }
    }

    /// <summary>Stops accepting and ends every session.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync().ConfigureAwait(false);
        }

        _servers.Clear();
    }
}
