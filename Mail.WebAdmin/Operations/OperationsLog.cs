using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin.Operations;

/// <summary>Log events of the domain, group, queue and import pages (structured; never a password).</summary>
internal static partial class OperationsLog
{
    [LoggerMessage(6101, LogLevel.Information, "Web admin: {User} imported {Count} accounts")]
    public static partial void Imported(this ILogger logger, string user, int count);

    [LoggerMessage(6102, LogLevel.Warning, "Web admin: import by {User} stopped at line {Line} ({Address}); {Created} accounts created are removed again: {Reason}")]
    public static partial void ImportUndone(this ILogger logger, string user, int line, string address, int created, string reason);

    [LoggerMessage(6103, LogLevel.Error, "Web admin: could not remove {Address} while undoing an import; remove it by hand: {Reason}")]
    public static partial void UndoFailed(this ILogger logger, string address, string reason);

    [LoggerMessage(6104, LogLevel.Warning, "Web admin: domain {Domain} was added but its DKIM keys could not be made: {Reason}")]
    public static partial void DkimFailed(this ILogger logger, string domain, string reason);
}
