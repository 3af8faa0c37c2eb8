namespace ImapBench;

/// <summary>Samples a server's memory every 250 ms in the background and keeps the peak.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(250);

    private readonly ServerTarget target;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;
    private ServerMemory peak;

    public MemorySampler(ServerTarget target)
    {
        this.target = target;
        peak = ServerMemory.Read(target, withPss: true);
        loop = Task.Run(SampleAsync);
    }

    /// <summary>Stops sampling, takes one last reading and returns the peak.</summary>
    public async Task<ServerMemory> StopAsync()
    {
        await stop.CancelAsync();
        await loop;
        peak = ServerMemory.Max(peak, ServerMemory.Read(target, withPss: true));
        return peak;
    }

    public async ValueTask DisposeAsync()
    {
        if (!stop.IsCancellationRequested)
        {
            await stop.CancelAsync();
            await loop;
        }

        stop.Dispose();
    }

    private async Task SampleAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(Interval, stop.Token);
                peak = ServerMemory.Max(peak, ServerMemory.Read(target, withPss: true));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
