namespace Mail.Server.Imap.Sorting;

/// <summary>Orders thread siblings by sent date, then sequence number (RFC 5256 section 2.2); a dummy by its first
/// child, so its children must be in order first.</summary>
internal sealed class SentDateOrder : IComparer<ThreadNode>
{
    public static SentDateOrder Instance { get; } = new();

    public int Compare(ThreadNode? x, ThreadNode? y)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return Compare(x.Representative, y.Representative);
    }

    /// <summary>The same order between two messages.</summary>
    public static int Compare(MessageFacts x, MessageFacts y)
    {
        var byDate = x.SentDate.CompareTo(y.SentDate);
        return byDate != 0 ? byDate : x.Sequence.CompareTo(y.Sequence);
    }
}
