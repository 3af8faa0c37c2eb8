namespace ImapBench;

/// <summary>Counts failed operations across workers and keeps the first one's text (command and server answer).</summary>
internal sealed class Failures
{
    private long count;
    private string? first;

    public long Count => Interlocked.Read(ref count);

    public string? First => Volatile.Read(ref first);

    public void Add(string error)
    {
        Interlocked.Increment(ref count);
        Interlocked.CompareExchange(ref first, error, null);
    }
}
