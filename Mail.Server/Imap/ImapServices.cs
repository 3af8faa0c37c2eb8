using Mail.Directory;
using Mail.Server.Imap.Protocol;
using Mail.Server.Security;
using Mail.Server.Smtp;
using Mail.Server.Store;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Imap;

/// <summary>What every IMAP session of the appliance shares.</summary>
internal sealed record ImapServices(
    MailDirectory Directory, MessageStore Store, AuthThrottle Throttle, QuotaCheck Quota, string Hostname, bool AllowPlaintextAuthOnLoopback,
    ImapLimits Limits, ILogger Logger)
{
    /// <summary>Formatted ENVELOPE and BODYSTRUCTURE responses; 32 MB holds those of about 50,000 messages.</summary>
    public Fetch.FormattedAnalysisCache Formatted { get; } = new(32L * 1024 * 1024);
}
