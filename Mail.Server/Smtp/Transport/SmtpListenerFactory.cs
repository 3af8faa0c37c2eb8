using System.Net.Sockets;
using Mail.Server.Security;
using SmtpServer;
using SmtpServer.Net;

namespace Mail.Server.Smtp.Transport;

/// <summary>Replaces SmtpServer's listener factory (whose listener cannot be constructed or extended) so every
/// SMTP port shares one connection limiter and speaks through <see cref="SmtpConnectionPipe"/>.</summary>
internal sealed class SmtpListenerFactory(ConnectionLimiter limiter, TimeSpan idleTimeout) : IEndpointListenerFactory
{
    public IEndpointListener CreateListener(IEndpointDefinition endpointDefinition)
    {
        var listener = new TcpListener(endpointDefinition.Endpoint);

        // IPv6 sockets are v6-only so that "::" can have its IPv4 twin on the same port.
        if (endpointDefinition.Endpoint.AddressFamily == AddressFamily.InterNetworkV6)
        {
            listener.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
        }

        listener.Start();
        return new SmtpEndpointListener(listener, limiter, idleTimeout);
    }
}
