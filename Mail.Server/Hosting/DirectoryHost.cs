using Mail.Directory;
using Mail.Directory.Embedded;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>Starts the directory first when the appliance starts (the embedded slapd, or the connection to an
/// external one) and stops slapd last, cleanly, when the appliance stops (SIGTERM/SIGINT).</summary>
internal sealed class DirectoryHost(ApplianceOptions options, DataFolder data, ILoggerFactory loggerFactory) : IHostedService, IAsyncDisposable
{
    private readonly ILogger _logger = loggerFactory.CreateLogger<DirectoryHost>();
    private SlapdLease? _lease;
    private MailDirectory? _directory;

    /// <summary>The directory, once started.</summary>
    public MailDirectory Directory => _directory ?? throw new InvalidOperationException("the directory has not started");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var directoryOptions = options.Directory;
        if (directoryOptions.Mode == DirectoryMode.Embedded)
        {
            var embedded = new EmbeddedDirectory(data.DirectoryFolder, directoryOptions, loggerFactory);
            _lease = await embedded.AcquireAsync(SlapdLeaseKind.Service, cancellationToken).ConfigureAwait(false);
            directoryOptions = embedded.ClientOptions();
        }

        _directory = new MailDirectory(directoryOptions, loggerFactory);
        var domains = await _directory.Domains.ListAsync(cancellationToken).ConfigureAwait(false);
        _logger.DirectoryReady(directoryOptions.EffectiveUrl, _lease?.SlapdPid ?? 0, string.Join(' ', domains));
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        _directory?.Dispose();
        _directory = null;
        if (_lease is not null)
        {
            await _lease.DisposeAsync().ConfigureAwait(false);
            _lease = null;
        }
    }
}
