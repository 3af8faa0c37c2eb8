using Mail.Server.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>Says at start which listeners are configured and which protocol engines exist yet, so a running
/// appliance never pretends to serve a port it does not; and what clients will hold against the TLS certificate.</summary>
internal sealed class ListenerReport(ApplianceOptions options, DataFolder data, MailServices services, ILogger<ListenerReport> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, listener) in options.Listeners)
        {
            var state = listener.Port == 0 ? "disabled"
                : $"listening on {options.Listen.Address}";
            logger.ListenerState(name, listener.Port, state);
        }

        foreach (var problem in CertificateCheck.Problems(services.Certificate, options.Hostname, DateTimeOffset.UtcNow))
        {
            logger.CertificateProblem(problem);
        }

        logger.Running(options.Hostname, data.Root);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
