using Microsoft.Extensions.Logging;

namespace Mail.Directory;

/// <summary>The directory's log events (source-generated, structured).</summary>
internal static partial class DirectoryLog
{
    [LoggerMessage(1001, LogLevel.Warning, "Directory {Url} unavailable: {Reason}")]
    public static partial void Unavailable(this ILogger logger, string url, string reason);

    [LoggerMessage(1002, LogLevel.Warning, "Group {Group} nests deeper than {Depth} levels; deeper members are left out")]
    public static partial void GroupTooDeep(this ILogger logger, string group, int depth);

    [LoggerMessage(1003, LogLevel.Information, "Authentication failed for {User}")]
    public static partial void AuthenticationFailed(this ILogger logger, string? user);

    [LoggerMessage(1004, LogLevel.Information, "Started slapd (pid {Pid}) on {Url}")]
    public static partial void SlapdStarted(this ILogger logger, int pid, string url);

    [LoggerMessage(1005, LogLevel.Information, "Stopped slapd (pid {Pid})")]
    public static partial void SlapdStopped(this ILogger logger, int pid);

    [LoggerMessage(1006, LogLevel.Warning, "Found a stale slapd (pid {Pid}) from an earlier run; stopping it")]
    public static partial void StaleSlapd(this ILogger logger, int pid);
}
