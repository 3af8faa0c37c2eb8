using Mail.Directory;
using Mail.Directory.Embedded;

namespace DirectoryBench;

/// <summary>A private embedded slapd in a temporary folder on a free loopback port; disposing it stops
/// slapd and deletes the folder.</summary>
internal sealed class SlapdSandbox : IAsyncDisposable
{
    private readonly string _root;
    private readonly EmbeddedDirectory _embedded;
    private SlapdLease? _lease;

    private SlapdSandbox(string root, DirectoryOptions options)
    {
        _root = root;
        Options = options;
        _embedded = new EmbeddedDirectory(Path.Combine(root, "directory"), options);
    }

    public DirectoryOptions Options { get; }

    /// <summary>The temporary folder, removed on dispose; scratch files go here too.</summary>
    public string Root => _root;

    /// <summary>The file holding the appliance's directory password (for ldapadd -y).</summary>
    public string SecretFile => _embedded.Paths.Secret;

    public static async Task<SlapdSandbox> StartAsync(CancellationToken cancellationToken)
    {
        var root = Path.Combine(Path.GetTempPath(), "mailappliance-bench-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(root);
        var options = new DirectoryOptions
        {
            Port = FreePort.Next(),

            // No fsync per write: loading 10,000 entries would otherwise be dominated by the disk. Reads and binds are unaffected.
            SyncWrites = false,
            CacheSeconds = 30,
        };
        var sandbox = new SlapdSandbox(root, options);
        try
        {
            sandbox._embedded.Provision();
            sandbox._lease = await sandbox._embedded.AcquireAsync(SlapdLeaseKind.Command, cancellationToken);
            return sandbox;
        }
        catch
        {
            await sandbox.DisposeAsync();
            throw;
        }
    }

    /// <summary>A new client with its own connections and empty caches.</summary>
    public MailDirectory NewDirectory() => new(_embedded.ClientOptions());

    /// <summary>Adds the fixed entries (root, placeholder member, containers) every appliance tree has.</summary>
    public Task SeedAsync(MailDirectory directory, CancellationToken cancellationToken) =>
        _embedded.SeedAsync(directory.Gateway, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
            _lease = null;
        }

        try
        {
            System.IO.Directory.Delete(_root, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
        catch (IOException ex)
        {
            // Do not hide the benchmark's own outcome; say what was left behind.
            Console.Error.WriteLine($"warning: could not delete {_root}: {ex.Message}");
        }
    }
}
