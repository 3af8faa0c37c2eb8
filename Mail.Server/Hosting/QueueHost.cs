using Mail.Server.Queue;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>Runs the outbound delivery queue once the directory is up (reports to senders here need it).</summary>
internal sealed class QueueHost(ApplianceOptions options, MailServices services, DirectoryHost directory, ILoggerFactory loggers) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var logger = loggers.CreateLogger<QueueRunner>();
        var recovery = services.SpoolRecovery;
        if (recovery.Requeued > 0 || recovery.Dropped > 0)
        {
            logger.Recovered(recovery.Requeued, recovery.Dropped);
        }

        var router = new MxRouter(services.Resolver, options.Delivery);
        var notices = new BounceSender(directory.Directory, services.Store, services.Spool, options.Hostname, TimeProvider.System,
            services.Signing(directory.Directory));
        using var runner = new QueueRunner(services.Spool, router, notices, options.Delivery, options.Hostname, logger, services.Journal);
        try
        {
            await runner.RunAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping; what was not recorded goes after the restart.
        }
    }
}
