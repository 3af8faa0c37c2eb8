using Microsoft.Extensions.Logging;

namespace Mail.Server.Net;

/// <summary>Log events of the TCP servers (source-generated, structured).</summary>
internal static partial class NetLog
{
    [LoggerMessage(3001, LogLevel.Warning, "{Server}: accept failed ({Error})")]
    public static partial void AcceptFailed(this ILogger logger, string server, string error);

    [LoggerMessage(3002, LogLevel.Error, "{Server}: session with {Client} failed: {Kind}: {Reason}")]
    public static partial void SessionFailed(this ILogger logger, string server, string client, string kind, string reason);
}
