using Microsoft.Extensions.Logging;

namespace Mail.Server.Auth;

/// <summary>The inbound checks' log events (source-generated, structured; never a message body).</summary>
internal static partial class AuthLog
{
    [LoggerMessage(5101, LogLevel.Information,
        "Inbound {QueueId} from {Client} mailfrom={MailFromDomain} from={FromDomain}: spf={Spf} dkim={Dkim} dmarc={Dmarc} policy={Policy} -> {Disposition}")]
    public static partial void Verdict(this ILogger logger, string queueId, string client, string mailFromDomain, string fromDomain,
        string spf, string dkim, string dmarc, string policy, MessageDisposition disposition);

    [LoggerMessage(5102, LogLevel.Information, "Public suffix list for DMARC: {Source} ({Rules} rules)")]
    public static partial void SuffixList(this ILogger logger, string source, int rules);
}
