using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace ImapBench;

/// <summary>
/// Memory per idle session: opens N sessions that each log in, SELECT INBOX and IDLE, and divides the growth of the
/// server's memory by the sessions open. Ours: RSS of the dotnet process (its slapd reported apart). Dovecot: RSS and
/// PSS summed over the master and all its children (one imap process per session).
/// </summary>
internal static class IdleSessions
{
    /// <summary>Time for the server to finish what the last logins started (GC, process start-up) before reading memory.</summary>
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);

    /// <summary>Deadline for one session to be idling; a server that stalls logins (Dovecot at a service's client_limit)
    /// shows as failures instead of a hang.</summary>
    private static readonly TimeSpan OpenTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(Arguments args, CancellationToken cancellationToken)
    {
        var results = args.Text("results");
        var sessions = args.Int("sessions", 2000);
        var parallel = args.Int("parallel", 50);
        var failed = false;
        foreach (var target in args.Servers())
        {
            failed |= !await MeasureAsync(target, sessions, parallel, results, cancellationToken);
        }

        return failed ? 1 : 0;
    }

    private static async Task<bool> MeasureAsync(ServerTarget target, int sessions, int parallel, string results, CancellationToken cancellationToken)
    {
        var before = await ReadSettledAsync(target, cancellationToken);
        var open = new ConcurrentBag<ImapClient>();
        var failures = new Failures();
        var clock = Stopwatch.StartNew();
        var idling = 0;
        try
        {
            // Two halves, memory read after each: the growth over all sessions is the figure; the second half alone
            // is the marginal cost, free of one-off growth (thread pool, caches) that the first sessions pay for.
            await OpenAsync(target, sessions / 2, parallel, open, failures, () => Interlocked.Increment(ref idling), cancellationToken);
            var halfOpen = Volatile.Read(ref idling);
            var halfTime = clock.Elapsed;
            var half = await ReadSettledAsync(target, cancellationToken);
            var settleTime = clock.Elapsed - halfTime;
            await OpenAsync(target, sessions - sessions / 2, parallel, open, failures, () => Interlocked.Increment(ref idling), cancellationToken);
            var openSeconds = (clock.Elapsed - settleTime).TotalSeconds;
            var after = await ReadSettledAsync(target, cancellationToken);
            var hwm = target.Scope == MemoryScope.Process ? ProcessProbe.HwmKb(target.Pid) : 0;
            var idle = Volatile.Read(ref idling);
            var perSession = idle > 0 ? (after.RssKb - before.RssKb) / (double)idle : double.NaN;
            var marginal = idle > halfOpen ? (after.RssKb - half.RssKb) / (double)(idle - halfOpen) : double.NaN;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"ImapBench: {target.Name,-8} {idle} idle sessions opened in {openSeconds:N1} s; RSS {before.RssKb / 1024.0:N0} -> {half.RssKb / 1024.0:N0} (at {halfOpen}) -> {after.RssKb / 1024.0:N0} MB, PSS {before.PssKb / 1024.0:N0} -> {after.PssKb / 1024.0:N0} MB, {after.Processes} processes; {perSession:N1} kB RSS per session ({marginal:N1} for the second half); {failures.Count} failed{(failures.First is null ? "" : "; first failure: " + failures.First)}"));
            ResultFile.Append(results, "idle", target.Name, sessions, idle, failures.Count, openSeconds,
                before.RssKb, after.RssKb, before.PssKb, after.PssKb, before.Processes, after.Processes, before.SideKb, after.SideKb, hwm,
                failures.First ?? "", halfOpen, half.RssKb, half.PssKb);
            return failures.Count == 0;
        }
        finally
        {
            foreach (var client in open)
            {
                await client.DisposeAsync();
            }

            await WaitForProcessesAsync(target, Math.Max(1, ServerMemory.Read(target, withPss: false).Processes - open.Count), cancellationToken);
        }
    }

    /// <summary>
    /// Memory once the server is at rest: a settle time, then for our .NET server an induced full GC and two more
    /// seconds, so the reading holds what the sessions keep alive rather than the garbage their logins left.
    /// </summary>
    private static async Task<ServerMemory> ReadSettledAsync(ServerTarget target, CancellationToken cancellationToken)
    {
        await Task.Delay(Settle, cancellationToken);
        if (target.Scope == MemoryScope.Process)
        {
            var (done, why) = await InducedCollection.RunAsync(target.Pid, cancellationToken);
            if (!done)
            {
                Console.Error.WriteLine($"ImapBench: {target.Name}: could not induce a GC ({why}); reading memory as it is");
            }

            await Task.Delay(TimeSpan.FromSeconds(2), cancellationToken);
        }

        return ServerMemory.Read(target, withPss: true);
    }

    /// <summary>Opens <paramref name="count"/> sessions, <paramref name="parallel"/> at a time: LOGIN, SELECT INBOX, IDLE.</summary>
    private static async Task OpenAsync(
        ServerTarget target, int count, int parallel, ConcurrentBag<ImapClient> open, Failures failures, Action idled, CancellationToken cancellationToken)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                deadline.CancelAfter(OpenTimeout);
                try
                {
                    var client = await ImapClient.OpenAsync(target, select: true, deadline.Token, ImapClient.IdleBuffer);
                    open.Add(client);
                    await client.StartIdleAsync(deadline.Token);
                    idled();
                }
                catch (Exception e) when (e is ImapBenchException or IOException or System.Net.Sockets.SocketException)
                {
                    failures.Add(e.Message);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    failures.Add($"no answer within {OpenTimeout.TotalSeconds} s to a connect, LOGIN, SELECT INBOX or IDLE");
                }
            }
        }, cancellationToken)));
    }

    /// <summary>Gives Dovecot time to end its imap processes, so the next measurement does not pay for them.</summary>
    private static async Task WaitForProcessesAsync(ServerTarget target, int count, CancellationToken cancellationToken)
    {
        if (target.Scope != MemoryScope.Tree)
        {
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            return;
        }

        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60) && ServerMemory.Read(target, withPss: false).Processes > count + 5)
        {
            await Task.Delay(250, cancellationToken);
        }
    }
}
