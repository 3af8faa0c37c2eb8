using Mail.Server.Auth;
using Mail.Server.Smtp;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>Runs the SMTP listeners once the directory is up.</summary>
internal sealed class SmtpHost(ApplianceOptions options, MailServices services, DirectoryHost directory, ILoggerFactory loggers, ILogger<SmtpHost> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Smtp.Port == 0 && options.Submission.Port == 0 && options.SubmissionTls.Port == 0)
        {
            return Task.CompletedTask;
        }

        var server = ApplianceSmtpServer.Create(options, directory.Directory, services.Store, services.Spool, services.Certificate, services.Throttle, TimeProvider.System,
            services.Signing(directory.Directory), InboundAuthenticator.Create(options, services.Resolver, loggers), services.Journal);
        server.SessionFaulted += (_, e) => logger.SmtpSessionFaulted(e.Exception.GetType().Name, e.Exception.Message);
        _running = server.StartAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping is cancelling.
            }
        }
    }

    public void Dispose() => _stop.Dispose();
}
