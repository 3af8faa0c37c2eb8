using System.Diagnostics;

namespace DirectoryBench;

/// <summary>Times uncached expansion of the top group, each run on a fresh MailDirectory so no cache of a
/// previous run (resolution, domains, expansion) is reused.</summary>
internal static class ExpansionBench
{
    public static async Task<ExpansionResult> MeasureAsync(SlapdSandbox sandbox, string group, CancellationToken cancellationToken)
    {
        var times = new List<TimeSpan>();
        var counts = new List<int>();

        // Run 0 is an untimed warm-up (JIT, slapd's entry cache).
        for (var run = 0; run <= BenchPlan.ExpansionRuns; run++)
        {
            using var directory = sandbox.NewDirectory();
            await OpenConnectionsAsync(directory, cancellationToken);
            var clock = Stopwatch.StartNew();
            var members = await directory.Expander.ExpandAsync(group, cancellationToken);
            clock.Stop();
            if (run > 0)
            {
                times.Add(clock.Elapsed);
                counts.Add(members.Count);
            }
        }

        return new ExpansionResult(times, counts);
    }

    /// <summary>Opens the service connections before the clock starts: connecting and binding is a one-off
    /// cost of a new process, not of an expansion. A base read of the root touches no lookup cache.</summary>
    private static async Task OpenConnectionsAsync(Mail.Directory.MailDirectory directory, CancellationToken cancellationToken)
    {
        // The gateway hands out its connections round-robin, so one call per connection opens them all.
        for (var i = 0; i < directory.Options.ServiceConnections; i++)
        {
            _ = await directory.Gateway.ReadAsync(directory.Layout.BaseDn, ["1.1"], cancellationToken);
        }
    }
}

/// <summary>The timed expansion runs and the member count each returned.</summary>
internal sealed record ExpansionResult(IReadOnlyList<TimeSpan> Times, IReadOnlyList<int> Counts)
{
    public TimeSpan Best => Times.Min();

    public TimeSpan Median => Times.Order().ElementAt(Times.Count / 2);
}
