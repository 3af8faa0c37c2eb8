using Microsoft.Extensions.Logging;

namespace Mail.Server.Imap;

/// <summary>Log events of the IMAP server (source-generated, structured; never passwords or message contents).</summary>
internal static partial class ImapLog
{
    [LoggerMessage(5001, LogLevel.Error, "IMAP command {Tag} failed: {Kind}: {Reason}")]
    public static partial void CommandFailed(ILogger logger, string tag, string kind, string reason);

    [LoggerMessage(5002, LogLevel.Information, "IMAP login of {Account} from {Client}")]
    public static partial void LoggedIn(ILogger logger, string account, string client);

    [LoggerMessage(5003, LogLevel.Warning, "IMAP login failed from {Client}")]
    public static partial void LoginFailed(ILogger logger, string client);

    [LoggerMessage(5090, LogLevel.Information, "IMAP: analysed {Count} stored messages again for this version")]
    public static partial void AnalysesUpgraded(ILogger logger, int count);
}
