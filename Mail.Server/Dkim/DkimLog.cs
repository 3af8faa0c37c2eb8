using Microsoft.Extensions.Logging;

namespace Mail.Server.Dkim;

/// <summary>DKIM log events (source-generated, structured).</summary>
internal static partial class DkimLog
{
    [LoggerMessage(7001, LogLevel.Warning, "DKIM: {Domain} has no active key; its outgoing mail leaves unsigned (generate one with 'dkim generate {Domain}')")]
    public static partial void DomainWithoutKeys(this ILogger logger, string domain);

    [LoggerMessage(7002, LogLevel.Information, "DKIM: {Domain} signs with {Selectors}")]
    public static partial void KeysLoaded(this ILogger logger, string domain, string selectors);

    [LoggerMessage(7003, LogLevel.Warning, "DKIM: the keys of {Domain} could not be loaded; mail leaves unsigned: {Reason}")]
    public static partial void KeysUnreadable(this ILogger logger, string domain, string reason);

    [LoggerMessage(7004, LogLevel.Warning, "DKIM: a message for {Domain} could not be parsed for signing and leaves unsigned: {Reason}")]
    public static partial void MessageNotSigned(this ILogger logger, string domain, string reason);
}
