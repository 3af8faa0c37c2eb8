using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>USER name (RFC 1939 section 7): remembers the name for PASS; always +OK, so it says nothing about
/// whether the user exists.</summary>
internal sealed class UserCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Authorization;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (!await PlaintextLogin.AllowedAsync(session, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        if (request.Arguments is not [var user])
        {
            await session.RejectAsync("-ERR usage: USER name", cancellationToken).ConfigureAwait(false);
            return;
        }

        session.PendingUser = user;
        await session.ReplyAsync("+OK send PASS", cancellationToken).ConfigureAwait(false);
    }
}
