using Mail.Server.Pop3;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>Runs the POP3 listeners once the directory is up, and ends their sessions when the appliance stops.</summary>
internal sealed class Pop3Host(ApplianceOptions options, MailServices services, DirectoryHost directory, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private Pop3Server? _server;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Pop3.Port == 0 && options.Pop3Tls.Port == 0)
        {
            return Task.CompletedTask;
        }

        _server = Pop3Server.Create(options, directory.Directory, services.Store, services.Throttle, services.Certificate, loggers.CreateLogger<Pop3Server>());
        _server.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync().ConfigureAwait(false);
            _server = null;
        }
    }
}
