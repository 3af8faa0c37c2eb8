using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin;

/// <summary>The web admin's log events (source-generated, structured; never a password).</summary>
internal static partial class WebAdminLog
{
    [LoggerMessage(6001, LogLevel.Information, "Web admin sign-in by {User} from {Remote}")]
    public static partial void SignedIn(this ILogger logger, string user, string remote);

    [LoggerMessage(6002, LogLevel.Warning, "Web admin sign-in failed for {Login} from {Remote}")]
    public static partial void SignInFailed(this ILogger logger, string login, string remote);

    [LoggerMessage(6003, LogLevel.Warning, "Web admin sign-in refused for {Remote}: too many failures")]
    public static partial void SignInThrottled(this ILogger logger, string remote);

    [LoggerMessage(6004, LogLevel.Warning, "Web admin: {User} was refused {Path}")]
    public static partial void Forbidden(this ILogger logger, string user, string path);
}
