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
    private readonly ListenerPair _listeners;

    private Pop3Server(ListenerPair listeners) => _listeners = listeners;

    /// <summary>Builds the listeners (not yet started); <paramref name="configure"/> may adjust the session limits.</summary>
    public static Pop3Server Create(
        ApplianceOptions options, MailDirectory directory, MessageStore store, AuthThrottle throttle, X509Certificate2 certificate,
        ILogger logger, Action<Pop3Options>? configure = null)
    {
        var pop3 = new Pop3Options { Hostname = options.Hostname, AllowPlaintextAuthOnLoopback = options.AllowPlaintextAuthOnLoopback };
        configure?.Invoke(pop3);
        var handler = new Pop3ConnectionHandler(pop3, new Pop3Login(directory.Authenticator, throttle, store), logger);
        var limiter = new ConnectionLimiter(options.Limits.Pop3ConnectionsPerAddress, options.Limits.Pop3Connections);
        return new Pop3Server(ListenerPair.Create(
            options.Listen.Address, ("pop3", options.Pop3.Port), ("pop3s", options.Pop3Tls.Port), certificate, limiter, Refusal, _ => handler, logger));
    }

    /// <summary>Binds and starts accepting.</summary>
    public void Start() => _listeners.Start();

    /// <summary>Stops accepting and ends every session (without UPDATE: nothing marked is deleted).</summary>
    public ValueTask DisposeAsync() => _listeners.DisposeAsync();
}
