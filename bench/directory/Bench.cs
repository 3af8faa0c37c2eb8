using System.Globalization;
using System.Runtime.InteropServices;
using Mail.Directory;

namespace DirectoryBench;

/// <summary>Starts a private slapd, loads the data, runs the four measurements and prints the table.</summary>
internal static class Bench
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <returns>0 when every answer was right (whether or not the targets were met), 1 otherwise.</returns>
    public static async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Console.WriteLine($"nproc: {Environment.ProcessorCount}");
        Console.WriteLine($"runtime: {RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}");
        Console.WriteLine($"callers: {BenchPlan.Callers} concurrent, {Seconds(BenchPlan.Duration)} per throughput run after a {Seconds(BenchPlan.WarmUp)} warm-up");
        Console.WriteLine("slapd: SyncWrites = false (dbnosync) so the bulk load is not bound by fsync; reads and binds do not write, so the figures are unaffected");

        var sandbox = await SlapdSandbox.StartAsync(cancellationToken);
        await using (sandbox)
        {
            Console.WriteLine($"slapd: 127.0.0.1:{sandbox.Options.Port}, data in {sandbox.Root}, CacheSeconds = {sandbox.Options.CacheSeconds}");
            using var directory = sandbox.NewDirectory();
            var data = await DataLoader.LoadAsync(sandbox, directory, cancellationToken);
            var rows = new List<ResultRow>();
            var correct = true;

            var cached = await MeasureAsync("resolution (cached)", (call, token) => ResolveAsync(directory, data.ResolveSet, call, useCache: true, token), cancellationToken);
            rows.Add(RateRow("resolution, cached", cached, BenchPlan.CachedResolveTarget, "lookups/s", $"{data.ResolveSet.Count} addresses"));
            correct &= cached.Bad == 0;

            var uncached = await MeasureAsync("resolution (uncached)", (call, token) => ResolveAsync(directory, data.ResolveSet, call, useCache: false, token), cancellationToken);
            rows.Add(RateRow("resolution, uncached", uncached, BenchPlan.UncachedResolveTarget, "lookups/s", $"{data.ResolveSet.Count} addresses, useCache: false"));
            correct &= uncached.Bad == 0;

            var binds = await MeasureAsync("authentication", (call, token) => AuthenticateAsync(directory, data.Logins, call, token), cancellationToken);
            rows.Add(RateRow("authentication", binds, null, "binds/s", $"{data.Logins.Count} accounts, {{ARGON2}}"));
            correct &= binds.Bad == 0;

            Console.WriteLine($"measuring expansion of {data.TopGroup} ({BenchPlan.ExpansionRuns} runs + 1 warm-up, fresh MailDirectory each) …");
            var expansion = await ExpansionBench.MeasureAsync(sandbox, data.TopGroup, cancellationToken);
            rows.AddRange(ExpansionRows(expansion));
            correct &= expansion.Counts.All(c => c == BenchPlan.BulkAccounts);

            Console.WriteLine();
            ResultTable.Print(rows);
            Console.WriteLine();
            Console.WriteLine(correct ? "all answers were correct" : "SOME ANSWERS WERE WRONG: see the notes column");
            return correct ? 0 : 1;
        }
    }

    private static async Task<ThroughputResult> MeasureAsync(
        string what, Func<long, CancellationToken, Task<bool>> operation, CancellationToken cancellationToken)
    {
        Console.WriteLine($"measuring {what} …");
        _ = await Throughput.MeasureAsync(operation, BenchPlan.WarmUp, cancellationToken);
        return await Throughput.MeasureAsync(operation, BenchPlan.Duration, cancellationToken);
    }

    private static async Task<bool> ResolveAsync(MailDirectory directory, IReadOnlyList<string> addresses, long call, bool useCache, CancellationToken cancellationToken)
    {
        var resolution = await directory.Resolver.ResolveAsync(Pick(addresses, call), cancellationToken, useCache);
        return resolution.Kind == AddressKind.Account;
    }

    private static async Task<bool> AuthenticateAsync(MailDirectory directory, IReadOnlyList<string> logins, long call, CancellationToken cancellationToken)
    {
        var result = await directory.Authenticator.AuthenticateAsync(Pick(logins, call), BenchPlan.Password, cancellationToken);
        return result.Succeeded;
    }

    private static string Pick(IReadOnlyList<string> items, long call) => items[(int)(call % items.Count)];

    private static ResultRow RateRow(string metric, ThroughputResult result, double? target, string unit, string notes)
    {
        var measured = $"{result.PerSecond.ToString("N0", Invariant)} {unit}";
        var details = $"{notes}; {result.Good.ToString("N0", Invariant)} calls in {Seconds(result.Elapsed)}, {result.Bad} wrong or failed";
        return target is { } t
            ? new ResultRow(metric, measured, ">= " + t.ToString("N0", Invariant) + "/s", ResultTable.Verdict(result.PerSecond >= t && result.Bad == 0), details)
            : new ResultRow(metric, measured, "none", "report", details);
    }

    private static IEnumerable<ResultRow> ExpansionRows(ExpansionResult result)
    {
        var target = "< " + BenchPlan.ExpansionTarget.TotalMilliseconds.ToString("0", Invariant) + " ms";
        var runs = string.Join(", ", result.Times.Select(Milliseconds));
        var expected = BenchPlan.BulkAccounts;
        var wrong = result.Counts.Where(c => c != expected).ToArray();
        yield return new ResultRow("expansion, best of 5", Milliseconds(result.Best), target, ResultTable.Verdict(result.Best < BenchPlan.ExpansionTarget), "runs: " + runs);
        yield return new ResultRow("expansion, median of 5", Milliseconds(result.Median), target, ResultTable.Verdict(result.Median < BenchPlan.ExpansionTarget), "3 levels, 111 groups, uncached");
        yield return new ResultRow(
            "expansion, members",
            wrong.Length == 0 ? expected.ToString("N0", Invariant) : string.Join("/", result.Counts),
            "= " + expected.ToString("N0", Invariant),
            ResultTable.Verdict(wrong.Length == 0),
            $"every run returned {(wrong.Length == 0 ? "exactly" : "NOT")} {expected.ToString("N0", Invariant)} addresses");
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.0", Invariant) + " s";

    private static string Milliseconds(TimeSpan time) => time.TotalMilliseconds.ToString("0.0", Invariant) + " ms";
}
