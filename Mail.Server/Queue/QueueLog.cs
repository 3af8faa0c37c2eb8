using Microsoft.Extensions.Logging;

namespace Mail.Server.Queue;

/// <summary>The delivery queue's log events (source-generated, structured; addresses and replies, never bodies).</summary>
internal static partial class QueueLog
{
    [LoggerMessage(5001, LogLevel.Information, "Queue {Id}: {Recipient} {Outcome}: {Reply}")]
    public static partial void Outcome(this ILogger logger, string id, string recipient, OutcomeKind outcome, string reply);

    [LoggerMessage(5002, LogLevel.Information, "Queue {Id}: {Kind} notice sent to {Sender} for {Count} recipient(s)")]
    public static partial void NoticeSent(this ILogger logger, string id, NoticeKind kind, string sender, int count);

    [LoggerMessage(5003, LogLevel.Warning, "Queue {Id}: the notice to {Sender} could not be routed now ({Reason}); the recipients stay queued")]
    public static partial void NoticeUnroutable(this ILogger logger, string id, string sender, string reason);

    [LoggerMessage(5004, LogLevel.Information, "Queue recovered after a restart: {Requeued} message(s) requeued from their files, {Dropped} row set(s) without a file dropped")]
    public static partial void Recovered(this ILogger logger, int requeued, int dropped);

    [LoggerMessage(5005, LogLevel.Error, "Queue lane for {Domain} failed: {Kind}: {Reason}")]
    public static partial void LaneFailed(this ILogger logger, string domain, string kind, string reason);
}
