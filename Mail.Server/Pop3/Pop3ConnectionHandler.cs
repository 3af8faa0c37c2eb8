using Mail.Server.Net;
using Mail.Server.Pop3.Session;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Pop3;

/// <summary>Serves POP3 on the connections the TCP servers accept: one <see cref="Pop3Session"/> each.</summary>
internal sealed class Pop3ConnectionHandler(Pop3Options options, Pop3Login login, ILogger logger) : IConnectionHandler
{
    public async Task HandleAsync(ClientConnection connection, CancellationToken cancellationToken)
    {
        var pop3 = new Pop3Connection(connection);
        await using (pop3.ConfigureAwait(false))
        {
            await new Pop3Session(pop3, options, login, logger).RunAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
