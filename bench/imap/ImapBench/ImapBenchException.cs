namespace ImapBench;

/// <summary>A server answered something the benchmark did not expect; the message quotes the server's own words.</summary>
internal sealed class ImapBenchException : Exception
{
    public ImapBenchException()
    {
    }

    public ImapBenchException(string message)
        : base(message)
    {
    }

    public ImapBenchException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
