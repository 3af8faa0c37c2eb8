using System.Net;
using Mail.Directory;
using Mail.Directory.Ldap;
using Mail.Server.Security;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Net;
using SmtpServer.Protocol;

namespace Mail.Server.Smtp;

/// <summary>AUTH PLAIN/LOGIN against the directory (a bind as the user), behind the shared throttle. It
/// replaces SmtpServer's built-in authenticator, which accepts every password.</summary>
internal sealed class DirectoryUserAuthenticator(MailDirectory directory, AuthThrottle throttle) : IUserAuthenticator
{
    public async Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken)
    {
        var client = (context.Properties.TryGetValue(EndpointListener.RemoteEndPointKey, out var endpoint) ? endpoint as IPEndPoint : null)?.Address ?? IPAddress.None;
        switch (throttle.Check(client))
        {
            case AuthThrottleVerdict.Refuse:
                throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)454, "4.7.0 too many failed authentications, try again later"), quit: true);
            case AuthThrottleVerdict.Slow:
                await Task.Delay(throttle.SlowDelay, cancellationToken).ConfigureAwait(false);
                break;
        }

        try
        {
            var result = await directory.Authenticator.AuthenticateAsync(user, password, cancellationToken).ConfigureAwait(false);
            if (result.Succeeded)
            {
                throttle.Succeeded(client);
                return true;
            }

            throttle.Failed(client);
            return false;
        }
        catch (DirectoryUnavailableException)
        {
            throw new SmtpResponseException(new SmtpResponse((SmtpReplyCode)454, "4.7.0 temporary authentication failure"));
        }
    }
}
