using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>PASS password (RFC 1939 section 7), right after USER. The password is the whole rest of the line, so
/// one with spaces works.</summary>
internal sealed class PassCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Authorization;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (!await PlaintextLogin.AllowedAsync(session, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        var user = session.PendingUser;
        session.PendingUser = null;
        if (user is null)
        {
            await session.RejectAsync("-ERR send USER first", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (request.Tail.Length == 0)
        {
            await session.RejectAsync("-ERR usage: PASS password", cancellationToken).ConfigureAwait(false);
            return;
        }

        await session.Login.AttemptAsync(session, user, request.Tail, cancellationToken).ConfigureAwait(false);
    }
}
