using Mail.Server.Security;

namespace Mail.Server.Imap.Commands;

/// <summary>The password check LOGIN and AUTHENTICATE share: TLS first, the throttle, a bind as the user.</summary>
internal static class ImapLogin
{
    public static async Task<ImapCompletion> TryAsync(ImapSession session, string user, string password, CancellationToken cancellationToken)
    {
        if (!session.MayAuthenticate)
        {
            return ImapCompletion.No("[PRIVACYREQUIRED] use STARTTLS or port 993 before logging in");
        }

        var client = session.Connection.Remote.Address;
        var throttle = session.Services.Throttle;
        switch (throttle.Check(client))
        {
            case AuthThrottleVerdict.Refuse:
                return ImapCompletion.No("[UNAVAILABLE] too many failed logins from your address, try again later");
            case AuthThrottleVerdict.Slow:
                await Task.Delay(throttle.SlowDelay, cancellationToken).ConfigureAwait(false);
                break;
        }

        var result = await session.Services.Directory.Authenticator.AuthenticateAsync(user, password, cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded || result.Account is null)
        {
            throttle.Failed(client);
            ImapLog.LoginFailed(session.Services.Logger, client.ToString());
            return ImapCompletion.No("[AUTHENTICATIONFAILED] invalid credentials");
        }

        throttle.Succeeded(client);
        session.LogIn(result.Account);
        ImapLog.LoggedIn(session.Services.Logger, result.Account, client.ToString());
        return ImapCompletion.Ok($"[CAPABILITY {ImapCapabilities.For(session)}] logged in");
    }
}
