using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>The refusal of USER, PASS and AUTH where no password may travel (plain connection, not an allowed loopback).</summary>
internal static class PlaintextLogin
{
    /// <summary>Refuses the command (counted as a bad one) unless a login is allowed; returns whether it may go on.</summary>
    public static async ValueTask<bool> AllowedAsync(Pop3Session session, CancellationToken cancellationToken)
    {
        if (session.LoginAllowed)
        {
            return true;
        }

        await session.RejectAsync("-ERR [AUTH] TLS is required to log in: use STLS first", cancellationToken).ConfigureAwait(false);
        return false;
    }
}
