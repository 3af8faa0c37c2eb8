namespace Mail.Server.Imap.Sorting;

/// <summary>How much of a message SORT or THREAD needs read: each step costs one more read per message.</summary>
internal enum MessageFactsDepth
{
    /// <summary>The session's row only (ARRIVAL, SIZE): no reads.</summary>
    Row,

    /// <summary>Also the envelope cached in the index: one index read.</summary>
    Envelope,

    /// <summary>Also the References header: one read of the body file's header section.</summary>
    References,
}
