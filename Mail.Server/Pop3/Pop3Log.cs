using Microsoft.Extensions.Logging;

namespace Mail.Server.Pop3;

/// <summary>The POP3 server's log events (source-generated, structured). Never a password, never message content.</summary>
internal static partial class Pop3Log
{
    [LoggerMessage(4001, LogLevel.Information, "POP3 login of {User} from {Client} as {Account}: {Messages} messages")]
    public static partial void LoggedIn(this ILogger logger, string client, string user, string account, int messages);

    [LoggerMessage(4002, LogLevel.Information, "POP3 login of {User} from {Client} failed")]
    public static partial void LoginFailed(this ILogger logger, string client, string user);

    [LoggerMessage(4003, LogLevel.Warning, "POP3 login from {Client} refused: too many failures from this address")]
    public static partial void LoginThrottled(this ILogger logger, string client);

    [LoggerMessage(4004, LogLevel.Warning, "POP3 login from {Client} failed: the directory is unavailable")]
    public static partial void DirectoryUnavailable(this ILogger logger, string client);

    [LoggerMessage(4005, LogLevel.Error, "POP3 maildrop of {Account} could not be opened: {Reason}")]
    public static partial void MaildropUnavailable(this ILogger logger, string account, string reason);

    [LoggerMessage(4006, LogLevel.Information, "POP3 session of {Account} deleted {Count} messages")]
    public static partial void MessagesDeleted(this ILogger logger, string account, int count);

    [LoggerMessage(4007, LogLevel.Error, "POP3 session of {Account} could not delete its messages: {Reason}")]
    public static partial void DeletionFailed(this ILogger logger, string account, string reason);

    [LoggerMessage(4008, LogLevel.Warning, "POP3 client {Client} closed after too many bad commands")]
    public static partial void TooManyBadCommands(this ILogger logger, string client);

    [LoggerMessage(4009, LogLevel.Debug, "POP3 client {Client} closed after being idle")]
    public static partial void IdleTimeout(this ILogger logger, string client);
}
