using ImapBench;

// Ctrl+C cancels instead of killing the process, so open sessions are closed and the result file stays whole.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    var args2 = Arguments.Parse(args);
    return args2.Command switch
    {
        "load" => await MailboxLoader.RunAsync(args2, stop.Token),
        "workload" => await Workload.RunAsync(args2, stop.Token),
        "idle" => await IdleSessions.RunAsync(args2, stop.Token),
        "report" => Report.Run(args2),
        "gc" => await CollectAsync(args2.Int("pid", 0), stop.Token),
        _ => throw new ArgumentException($"unknown command {args2.Command}: load|workload|idle|report"),
    };
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("ImapBench: interrupted");
    return 130;
}
catch (ArgumentException e)
{
    Console.Error.WriteLine($"ImapBench: {e.Message}");
    return 2;
}
catch (ImapBenchException e)
{
    Console.Error.WriteLine($"ImapBench: {e.Message}");
    return 1;
}

// ImapBench gc --pid PID: one induced full GC in a .NET process, with its RSS before and 2 s after (for checking).
static async Task<int> CollectAsync(int pid, CancellationToken cancellationToken)
{
    var before = ProcessProbe.RssKb(pid);
    var (done, why) = await InducedCollection.RunAsync(pid, cancellationToken);
    await Task.Delay(2000, cancellationToken);
    Console.WriteLine(done ? $"pid {pid}: RSS {before} kB before, {ProcessProbe.RssKb(pid)} kB 2 s after the induced GC" : $"pid {pid}: {why}");
    return done ? 0 : 1;
}

