using Mail.Directory;
using Mail.Directory.Embedded;

namespace Mail.Tests.Fixtures;

/// <summary>A private embedded slapd on a free loopback port in a temporary folder, seeded with the
/// appliance's base entries; stopped and removed on dispose.</summary>
internal sealed class SlapdFixture : IAsyncDisposable
{
    private readonly EmbeddedDirectory _embedded;
    private SlapdLease? _lease;

    private SlapdFixture(string root, DirectoryOptions options)
    {
        Root = root;
        Options = options;
        _embedded = new EmbeddedDirectory(Path.Combine(root, "directory"), options);
    }

    public string Root { get; }

    public DirectoryOptions Options { get; }

    public int SlapdPid => _lease?.SlapdPid ?? 0;

    public EmbeddedDirectoryPaths Paths => _embedded.Paths;

    public static async Task<SlapdFixture> StartAsync(int cacheSeconds = 30, int idleTimeoutSeconds = 600)
    {
        var root = Path.Combine(Path.GetTempPath(), "mailappliance-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(root);
        var options = new DirectoryOptions
        {
            Port = FreePort.Next(),
            SyncWrites = false,
            TimeoutMs = 1000,
            RetryAfterMs = 300,
            CacheSeconds = cacheSeconds,
            IdleTimeoutSeconds = idleTimeoutSeconds,
        };
        var fixture = new SlapdFixture(root, options);
        fixture._embedded.Provision();
        await fixture.StartSlapdAsync();
        using var directory = fixture.NewDirectory();
        await fixture._embedded.SeedAsync(directory.Gateway, CancellationToken.None);
        return fixture;
    }

    /// <summary>A new client with its own connections and caches.</summary>
    public MailDirectory NewDirectory(Action<DirectoryOptions>? configure = null)
    {
        var options = _embedded.ClientOptions();
        configure?.Invoke(options);
        return new MailDirectory(options);
    }

    /// <summary>A fresh hosted domain for one test, so tests sharing a slapd never collide.</summary>
    public static async Task<string> NewDomainAsync(MailDirectory directory)
    {
        var domain = $"t{Guid.NewGuid().ToString("N")[..10]}.edu.vn";
        await directory.Domains.AddAsync(domain, CancellationToken.None);
        return domain;
    }

    public async Task StartSlapdAsync() => _lease = await _embedded.AcquireAsync(SlapdLeaseKind.Command, CancellationToken.None);

    public async Task StopSlapdAsync()
    {
        if (_lease is not null)
        {
            await _lease.DisposeAsync();
            _lease = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopSlapdAsync();
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Temporary folder; leaving it is harmless.
        }
    }
}
