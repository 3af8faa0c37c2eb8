using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>Syncs the files of staged bodies (see <see cref="Store.StagedBodies"/>) about 35 seconds after their
/// delivery, and all of them when the appliance stops (within a few seconds; what is left waits for the next start's
/// recovery).</summary>
internal sealed class StagedBodySync(MailServices services, ILogger<StagedBodySync> logger) : BackgroundService
{
    // The kernel writes a file's dirty pages back about 30 s after they were dirtied (vm.dirty_expire_centisecs);
    // an fsync after that mostly finds them written, and costs little.
    private static readonly TimeSpan Delay = TimeSpan.FromSeconds(35);
    private static readonly TimeSpan Tick = TimeSpan.FromSeconds(1);

    // At a stop, what does not get synced in this time stays staged for the next start's recovery: a container's stop
    // (10 s before SIGKILL under podman) must still reach slapd's.
    private static readonly TimeSpan StopBudget = TimeSpan.FromSeconds(4);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Each tick notes the newest staged id; once a note is Delay old, everything up to it is due.
        var notes = new Queue<(long At, long Last)>();
        long noted = 0, due = 0;
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = Environment.TickCount64;
                var last = Newest();
                if (last > noted)
                {
                    notes.Enqueue((now, last));
                    noted = last;
                }

                while (notes.TryPeek(out var note) && now - note.At >= Delay.TotalMilliseconds)
                {
                    due = notes.Dequeue().Last;
                }

                if (due > 0 && Sync(due))
                {
                    due = 0;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the listeners stopped before this service (it is registered before them), so nothing is staged
            // after this last sync.
        }

        if (Newest() is > 0 and var final)
        {
            Sync(final, StopBudget);
        }
    }

    private bool Sync(long last, TimeSpan? budget = null)
    {
        try
        {
            var count = services.Store.SyncStagedBodies(last, budget);
            logger.StagedBodiesSynced(count);
            return true;
        }
        catch (Exception ex) when (ex is IOException or SqliteException or UnauthorizedAccessException)
        {
            logger.StagedBodySyncFailed(ex.Message);
            return false;
        }
    }

    // The newest staged id, 0 when there is none or the index cannot be read (logged; the next tick tries again).
    private long Newest()
    {
        try
        {
            return services.Store.Index.Staged.Last();
        }
        catch (SqliteException ex)
        {
            logger.StagedBodySyncFailed(ex.Message);
            return 0;
        }
    }
}
