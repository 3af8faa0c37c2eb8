using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>The host's log events (source-generated, structured).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(2001, LogLevel.Information, "Directory ready at {Url} (slapd pid {Pid}); hosted domains: {Domains}")]
    public static partial void DirectoryReady(this ILogger logger, string url, int pid, string domains);

    [LoggerMessage(2002, LogLevel.Information, "Listener {Listener} on port {Port}: {State}")]
    public static partial void ListenerState(this ILogger logger, string listener, int port, string state);

    [LoggerMessage(2003, LogLevel.Information, "MailAppliance running on {Hostname}; data in {Data}")]
    public static partial void Running(this ILogger logger, string hostname, string data);

    [LoggerMessage(2004, LogLevel.Warning, "SMTP session failed: {Kind}: {Reason}")]
    public static partial void SmtpSessionFaulted(this ILogger logger, string kind, string reason);

    [LoggerMessage(2005, LogLevel.Warning, "TLS: {Problem}")]
    public static partial void CertificateProblem(this ILogger logger, string problem);

    [LoggerMessage(2006, LogLevel.Debug, "Store: synced {Count} staged bodies")]
    public static partial void StagedBodiesSynced(this ILogger logger, int count);

    [LoggerMessage(2007, LogLevel.Warning, "Store: syncing staged bodies failed, retrying later: {Reason}")]
    public static partial void StagedBodySyncFailed(this ILogger logger, string reason);
}
