using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;

namespace Mail.Server.Net;

/// <summary>The server side of a TLS handshake, the same for every protocol: TLS 1.2 or 1.3 by default, and a
/// deadline so a client that connects and never speaks TLS cannot hold a connection slot.</summary>
public static class ServerTls
{
    /// <summary>The versions offered unless a caller narrows them.</summary>
    public const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    private static readonly TimeSpan HandshakeTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Runs the handshake over <paramref name="inner"/> (left open when the TLS stream closes).</summary>
    public static async Task<SslStream> AuthenticateAsync(Stream inner, X509Certificate certificate, SslProtocols protocols, CancellationToken cancellationToken)
    {
        var ssl = new SslStream(inner, leaveInnerStreamOpen: true);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(HandshakeTimeout);
        try
        {
            await ssl.AuthenticateAsServerAsync(
                certificate is ServerCertificate chained
                    ? new SslServerAuthenticationOptions { ServerCertificateContext = chained.Context, EnabledSslProtocols = protocols }
                    : new SslServerAuthenticationOptions { ServerCertificate = certificate, EnabledSslProtocols = protocols },
                deadline.Token).ConfigureAwait(false);
            return ssl;
        }
        catch
        {
            await ssl.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
