using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>STLS (RFC 2595 section 4): starts TLS on the plain port, before login.</summary>
internal sealed class StlsCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Authorization;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (session.Connection.IsSecure)
        {
            await session.RejectAsync("-ERR TLS is already active", cancellationToken).ConfigureAwait(false);
            return;
        }

        await session.ReplyAsync("+OK begin TLS negotiation", cancellationToken).ConfigureAwait(false);
        await session.Connection.StartTlsAsync(cancellationToken).ConfigureAwait(false);

        // Nothing learnt in plaintext carries over into the protected session.
        session.PendingUser = null;
    }
}
