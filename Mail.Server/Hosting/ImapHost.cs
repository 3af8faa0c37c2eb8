using Mail.Server.Imap;
using Mail.Server.Imap.Protocol;
using Mail.Server.Net;
using Mail.Server.Security;
using Mail.Server.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>Runs the IMAP listeners (STARTTLS on Mail:Imap:Port, implicit TLS on Mail:ImapTls:Port) once the
/// directory is up, sharing one connection limiter.</summary>
internal sealed class ImapHost(ApplianceOptions options, MailServices services, DirectoryHost directory, ILoggerFactory loggers) : IHostedService
{
    private ListenerPair? _listeners;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Imap.Port == 0 && options.ImapTls.Port == 0)
        {
            return;
        }

        var logger = loggers.CreateLogger("Mail.Server.Imap");

        // Before the first client: mail stored by an older version gets the same BODYSTRUCTURE as new mail.
        var upgraded = await services.Store.UpgradeAnalysesAsync(cancellationToken).ConfigureAwait(false);
        if (upgraded > 0)
        {
            ImapLog.AnalysesUpgraded(logger, upgraded);
        }

        var imap = new ImapServices(
            directory.Directory, services.Store, services.Throttle,
            new QuotaCheck(directory.Directory, services.Store, options.DefaultQuotaBytes, TimeSpan.FromSeconds(options.Directory.CacheSeconds), TimeProvider.System),
            options.Hostname, options.AllowPlaintextAuthOnLoopback, new ImapLimits(), logger);
        var limiter = new ConnectionLimiter(options.Limits.ImapConnectionsPerAddress, options.Limits.ImapConnections);
        var refusal = "* BYE [UNAVAILABLE] too many connections from your address\r\n"u8.ToArray();
        _listeners = ListenerPair.Create(options.Listen.Address, ("IMAP", options.Imap.Port), ("IMAPS", options.ImapTls.Port), services.Certificate,
            limiter, refusal, implicitTls => new ImapConnectionHandler(imap, offersStartTls: !implicitTls), logger);
        _listeners.Start();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_listeners is not null)
        {
            await _listeners.DisposeAsync().ConfigureAwait(false);
        }
    }
}
