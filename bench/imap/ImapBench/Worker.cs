namespace ImapBench;

/// <summary>One of the concurrent clients of a measurement: its connection (logged in, INBOX selected) and its own
/// random sequence, so the clients do not walk the mailbox in lockstep.</summary>
internal sealed class Worker(int index, ServerTarget target, int seed) : IAsyncDisposable
{
    public int Index { get; } = index;

    public ServerTarget Target { get; } = target;

    public Random Random { get; } = new(seed * 1000 + index);

    /// <summary>The session, when the operation needs one (every operation but login+logout).</summary>
    public ImapClient? Client { get; set; }

    /// <summary>Operation-specific work list (the expunge measurement's own messages).</summary>
    public Queue<long> Pool { get; } = new();

    /// <summary>Calls made by this worker so far (warm-up included): alternates +FLAGS and -FLAGS.</summary>
    public long Calls { get; set; }

    public ImapClient Session => Client ?? throw new InvalidOperationException("the worker has no session");

    public async ValueTask DisposeAsync()
    {
        if (Client is { } client)
        {
            Client = null;
            await client.DisposeAsync();
        }
    }
}
