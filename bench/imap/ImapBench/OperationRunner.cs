using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ImapBench;

/// <summary>
/// Measures one operation against one server: opens the workers' sessions, prepares, warms up (untimed), then runs
/// every worker for the fixed time (or count) while sampling the server's memory and reading its CPU before and after.
/// </summary>
internal sealed class OperationRunner(int workers, TimeSpan duration, TimeSpan warmUp, int warmUpCount, int seed, TimeSpan callTimeout)
{
    public async Task<OperationResult> MeasureAsync(ServerTarget target, BenchOperation operation, CancellationToken cancellationToken)
    {
        var crew = Enumerable.Range(0, workers).Select(i => new Worker(i, target, seed)).ToList();
        try
        {
            if (operation.NeedsSession)
            {
                await Task.WhenAll(crew.Select(async w => w.Client = await ImapClient.OpenAsync(target, select: true, cancellationToken)));
            }

            await operation.PrepareAsync(crew, cancellationToken);
            var warmUpFailures = new Failures();
            var (warmDone, _) = await RunAsync(crew, operation, warmUp, warmUpCount, warmUpFailures, cancellationToken);
            if (warmDone == 0 && warmUpFailures.Count > 0)
            {
                // Nothing worked in the warm-up (e.g. a command the server does not answer): measuring would only
                // repeat the same failure, and a hung command would cost another deadline per worker.
                return new OperationResult(target.Name, operation.Name, 0, warmUpFailures.Count, warmUp, 0, default,
                    "", $"in the warm-up, every call failed: {warmUpFailures.First}");
            }

            var failures = new Failures();
            var sampler = new MemorySampler(target);
            await using (sampler)
            {
                var cpuBefore = ProcessProbe.CpuSeconds(target.Pid);
                var clock = Stopwatch.StartNew();
                var (done, items) = await RunAsync(crew, operation, duration, operation.CountPerWorker ?? 0, failures, cancellationToken);
                clock.Stop();
                var cpu = ProcessProbe.CpuSeconds(target.Pid) - cpuBefore;
                var peak = await sampler.StopAsync();
                return new OperationResult(target.Name, operation.Name, done, failures.Count, clock.Elapsed, cpu, peak,
                    operation.Note(done, items, clock.Elapsed), failures.First);
            }
        }
        finally
        {
            await Task.WhenAll(crew.Select(async w =>
            {
                if (w.Client is { } client)
                {
                    try
                    {
                        using var polite = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                        await client.LogoutAsync(polite.Token);
                    }
                    catch (Exception e) when (IsConnectionFailure(e) || e is OperationCanceledException)
                    {
                        // A session the server already dropped: the failure was counted where it happened.
                    }
                }

                await w.DisposeAsync();
            }));
        }
    }

    private static bool IsConnectionFailure(Exception e) => e is ImapBenchException or IOException or SocketException;

    /// <summary>Runs every worker for <paramref name="time"/>, or for <paramref name="count"/> operations each when the
    /// operation is measured by count; returns the operations done right and their items.</summary>
    private async Task<(long Done, long Items)> RunAsync(
        List<Worker> crew, BenchOperation operation, TimeSpan time, int count, Failures failures, CancellationToken cancellationToken)
    {
        var byCount = operation.CountPerWorker is not null;
        if (byCount ? count == 0 : time <= TimeSpan.Zero)
        {
            return (0, 0);
        }

        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(crew.Select(worker => Task.Run(() => WorkAsync(worker), CancellationToken.None)));
        return (results.Sum(r => r.Done), results.Sum(r => r.Items));

        async Task<(long Done, long Items)> WorkAsync(Worker worker)
        {
            long done = 0;
            long items = 0;
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            for (var i = 0; byCount ? i < count : clock.Elapsed < time; i++)
            {
                Outcome outcome;
                deadline.CancelAfter(callTimeout);
                try
                {
                    outcome = await operation.RunOnceAsync(worker, deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    // The worker's session is in an unknown state after a command that was never answered: stop it.
                    failures.Add(string.Create(CultureInfo.InvariantCulture,
                        $"no tagged answer within {callTimeout.TotalSeconds:N0} s to: {worker.Client?.Pending ?? operation.Description}"));
                    await worker.DisposeAsync();
                    break;
                }
                catch (Exception e) when (IsConnectionFailure(e))
                {
                    failures.Add($"{e.Message} (connection dropped)");
                    if (!await ReopenAsync(worker, operation, failures, cancellationToken))
                    {
                        break;
                    }

                    continue;
                }

                if (!deadline.TryReset())
                {
                    break;
                }

                if (outcome.Ok)
                {
                    done++;
                    items += outcome.Items;
                }
                else
                {
                    failures.Add(outcome.Error!);
                }
            }

            return (done, items);
        }
    }

    private static async Task<bool> ReopenAsync(Worker worker, BenchOperation operation, Failures failures, CancellationToken cancellationToken)
    {
        await worker.DisposeAsync();
        if (!operation.NeedsSession)
        {
            return true;
        }

        try
        {
            worker.Client = await ImapClient.OpenAsync(worker.Target, select: true, cancellationToken);
            return true;
        }
        catch (Exception e) when (IsConnectionFailure(e))
        {
            failures.Add($"reconnect: {e.Message}");
            return false;
        }
    }
}
