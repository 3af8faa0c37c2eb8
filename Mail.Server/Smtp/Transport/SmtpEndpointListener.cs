using System.Net;
using System.Net.Sockets;
using Mail.Server.Security;
using SmtpServer;
using SmtpServer.IO;
using SmtpServer.Net;
using SmtpServer.Protocol;

namespace Mail.Server.Smtp.Transport;

/// <summary>Accepts connections on one SMTP endpoint for SmtpServer, admitting each through the shared
/// <see cref="ConnectionLimiter"/>: over a limit the client gets "421 4.7.0" and is closed before any greeting.</summary>
internal sealed class SmtpEndpointListener(TcpListener listener, ConnectionLimiter limiter, TimeSpan idleTimeout) : IEndpointListener
{
    private static readonly byte[] TooMany = "421 4.7.0 too many connections from your address, try again later\r\n"u8.ToArray();

    public async Task<ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
    {
        while (true)
        {
            var client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            var remote = (IPEndPoint)client.Client.RemoteEndPoint!;
            var slot = limiter.TryAcquire(remote.Address);
            if (slot is null)
            {
                _ = RefuseAsync(client);
                continue;
            }

            client.NoDelay = true;
            context.Properties[EndpointListener.LocalEndPointKey] = listener.LocalEndpoint;
            context.Properties[EndpointListener.RemoteEndPointKey] = remote;
            var pipe = new SmtpConnectionPipe(client, slot, idleTimeout);
            context.CommandExecuting += (_, e) =>
            {
                if (e.Command is DataCommand)
                {
                    pipe.Data.Arm();
                }
                else if (e.Command is MailCommand mail)
                {
                    context.Properties[SmtpSessionKeys.MailParameters] = mail.Parameters;
                }
            };
            context.CommandExecuted += (_, e) =>
            {
                if (e.Command is DataCommand)
                {
                    pipe.Data.Disarm();
                }
            };
            return pipe;
        }
    }

    public void Dispose() => listener.Stop();

    // Not awaited by the accept loop: a slow refused client must not hold up the next accept.
    private static async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.GetStream().WriteAsync(TooMany, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The client is gone or stuck; it is being refused anyway.
            }
        }
    }
}
