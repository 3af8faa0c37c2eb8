using System.Diagnostics;
using Mail.Directory.Ldap;

namespace DirectoryBench;

/// <summary>Calls one operation from <see cref="BenchPlan.Callers"/> concurrent callers for a fixed time.</summary>
internal static class Throughput
{
    /// <summary>Beyond the run time, how long a stuck call may take before the run is abandoned.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(15);

    /// <summary>Runs <paramref name="operation"/> (given a call number; true when the answer was right) until
    /// <paramref name="duration"/> has passed, then waits for the calls in flight.</summary>
    public static async Task<ThroughputResult> MeasureAsync(
        Func<long, CancellationToken, Task<bool>> operation, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(duration + Grace);
        var clock = Stopwatch.StartNew();
        var callers = Enumerable.Range(0, BenchPlan.Callers)
            .Select(caller => Task.Run(() => CallAsync(caller, operation, clock, duration, bounded.Token), CancellationToken.None))
            .ToArray();
        var counts = await Task.WhenAll(callers);
        clock.Stop();
        return new ThroughputResult(counts.Sum(c => c.Good), counts.Sum(c => c.Bad), clock.Elapsed);
    }

    private static async Task<(long Good, long Bad)> CallAsync(
        int caller, Func<long, CancellationToken, Task<bool>> operation, Stopwatch clock, TimeSpan duration, CancellationToken cancellationToken)
    {
        long good = 0;
        long bad = 0;

        // Each caller starts at its own offset so the callers do not walk the data in lockstep.
        for (var call = caller * 7919L; clock.Elapsed < duration; call++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                if (await operation(call, cancellationToken))
                {
                    good++;
                }
                else
                {
                    bad++;
                }
            }
            catch (DirectoryUnavailableException)
            {
                // A timeout is a result worth counting, not a reason to abort the run.
                bad++;
            }
        }

        return (good, bad);
    }
}

/// <summary>Calls that gave the expected answer, calls that did not (or timed out), and the wall time.</summary>
internal sealed record ThroughputResult(long Good, long Bad, TimeSpan Elapsed)
{
    public double PerSecond => Good / Elapsed.TotalSeconds;
}
