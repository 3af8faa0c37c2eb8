using Mail.Directory;
using Mail.Directory.Ldap;
using Mail.Directory.Lookup;
using Mail.Server.Security;
using Mail.Server.Store;
using Microsoft.Data.Sqlite;

namespace Mail.Server.Pop3.Session;

/// <summary>The one login path of USER/PASS and AUTH PLAIN: the shared throttle by client address, a bind as the user
/// in the directory, then the account's maildrop. Every failure looks the same whether or not the user exists.</summary>
internal sealed class Pop3Login(PasswordAuthenticator authenticator, AuthThrottle throttle, MessageStore store)
{
    /// <summary>Checks <paramref name="user"/> (an address or alias) and <paramref name="password"/>, answers the client,
    /// and on success moves the session to TRANSACTION on the account's INBOX.</summary>
    public async Task AttemptAsync(Pop3Session session, string user, string password, CancellationToken cancellationToken)
    {
        var remote = session.Connection.Remote;
        switch (throttle.Check(remote.Address))
        {
            case AuthThrottleVerdict.Refuse:
                session.Logger.LoginThrottled(remote.ToString());
                await session.RejectAsync("-ERR [SYS/TEMP] too many failed logins from your address, try again later", cancellationToken).ConfigureAwait(false);
                return;
            case AuthThrottleVerdict.Slow:
                await Task.Delay(throttle.SlowDelay, cancellationToken).ConfigureAwait(false);
                break;
        }

        AuthenticationResult result;
        try
        {
            result = await authenticator.AuthenticateAsync(user, password, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryUnavailableException)
        {
            session.Logger.DirectoryUnavailable(remote.ToString());
            await session.ReplyAsync("-ERR [SYS/TEMP] authentication is temporarily unavailable, try again later", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!result.Succeeded || result.Account is not { } account)
        {
            throttle.Failed(remote.Address);
            session.Logger.LoginFailed(remote.ToString(), user);
            await session.RejectAsync("-ERR [AUTH] invalid user name or password", cancellationToken).ConfigureAwait(false);
            return;
        }

        throttle.Succeeded(remote.Address);
        Maildrop maildrop;
        try
        {
            maildrop = Maildrop.Open(store, account);
        }
        catch (SqliteException ex)
        {
            session.Logger.MaildropUnavailable(account, ex.Message);
            await session.ReplyAsync("-ERR [SYS/TEMP] the mailbox is temporarily unavailable, try again later", cancellationToken).ConfigureAwait(false);
            return;
        }

        session.EnterTransaction(maildrop);
        session.Logger.LoggedIn(remote.ToString(), user, account, maildrop.Count);
        await session.ReplyAsync($"+OK {maildrop.Count} messages ({maildrop.Size} octets)", cancellationToken).ConfigureAwait(false);
    }
}
