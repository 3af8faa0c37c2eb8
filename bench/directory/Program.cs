using DirectoryBench;

// Ctrl+C cancels instead of killing the process, so the finally blocks still stop slapd and delete the temp folder.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

try
{
    return await Bench.RunAsync(stop.Token);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("interrupted");
    return 130;
}
catch (Exception ex)
{
    // The sandbox is already cleaned up by now; report the failure as a result instead of crashing.
    Console.Error.WriteLine($"benchmark failed: {ex}");
    return 2;
}
