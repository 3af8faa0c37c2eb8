using System.Net;
using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin;

/// <summary>Log events of the public endpoints (never a client's address: only domains and the asking IP).</summary>
internal static partial class PublicEndpointLog
{
    [LoggerMessage(6101, LogLevel.Information, "Client settings ({Format}) for {Domain} sent to {Remote}")]
    public static partial void SettingsServed(ILogger logger, string format, string domain, IPAddress? remote);

    [LoggerMessage(6102, LogLevel.Information, "Public contact list of {Domain} ({Format}, {Count} entries) sent to {Remote}")]
    public static partial void ContactsServed(ILogger logger, string domain, string format, int count, IPAddress? remote);

    [LoggerMessage(6103, LogLevel.Warning, "Public endpoint {Path} refused {Remote}: rate limit reached")]
    public static partial void RateLimited(ILogger logger, string path, IPAddress? remote);

    [LoggerMessage(6104, LogLevel.Warning, "Public endpoint {Path} answered 503: {Reason}")]
    public static partial void DirectoryUnavailable(ILogger logger, string path, string reason);
}
