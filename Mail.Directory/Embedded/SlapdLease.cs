using Microsoft.Extensions.Logging;

namespace Mail.Directory.Embedded;

/// <summary>The right to use the embedded slapd; the owner's lease stops slapd and releases the lock when disposed.</summary>
public sealed class SlapdLease : IAsyncDisposable
{
    private readonly EmbeddedDirectoryPaths _paths;
    private readonly FileStream? _lock;
    private readonly ILogger _logger;
    private bool _disposed;

    internal SlapdLease(EmbeddedDirectoryPaths paths, FileStream? ownerLock, int pid, ILogger logger)
    {
        _paths = paths;
        _lock = ownerLock;
        SlapdPid = pid;
        _logger = logger;
    }

    /// <summary>True when this process started slapd and will stop it.</summary>
    public bool OwnsSlapd => _lock is not null;

    /// <summary>The pid of the slapd in use.</summary>
    public int SlapdPid { get; }

    /// <summary>True while the slapd process is alive.</summary>
    public bool IsSlapdAlive => UnixProcess.IsAlive(SlapdPid);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (_lock is null)
        {
            return;
        }

        await UnixProcess.StopAsync(SlapdPid, TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        _logger.SlapdStopped(SlapdPid);
        TryDelete(_paths.OwnerFile);
        await _lock.DisposeAsync().ConfigureAwait(false);
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A leftover owner file is harmless: the lock, not the file, decides ownership.
        }
    }
}
