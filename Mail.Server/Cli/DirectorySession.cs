using Mail.Directory;
using Mail.Directory.Embedded;
using Mail.Server.Hosting;

namespace Mail.Server.Cli;

/// <summary>The directory as one management command uses it: the running appliance's slapd when there is
/// one, else a slapd started for this command alone.</summary>
internal sealed class DirectorySession : IAsyncDisposable
{
    private readonly SlapdLease? _lease;

    private DirectorySession(MailDirectory directory, SlapdLease? lease)
    {
        Directory = directory;
        _lease = lease;
    }

    public MailDirectory Directory { get; }

    public static async Task<DirectorySession> OpenAsync(DataFolder data, CancellationToken cancellationToken)
    {
        var options = ApplianceConfiguration.Load(CliApplication.Initialised(data));
        if (options.Directory.Mode == DirectoryMode.External)
        {
            return new DirectorySession(new MailDirectory(options.Directory), null);
        }

        var embedded = new EmbeddedDirectory(data.DirectoryFolder, options.Directory);
        var lease = await embedded.AcquireAsync(SlapdLeaseKind.Command, cancellationToken).ConfigureAwait(false);
        return new DirectorySession(new MailDirectory(embedded.ClientOptions()), lease);
    }

    public async ValueTask DisposeAsync()
    {
        Directory.Dispose();
        if (_lease is not null)
        {
            await _lease.DisposeAsync().ConfigureAwait(false);
        }
    }
}
