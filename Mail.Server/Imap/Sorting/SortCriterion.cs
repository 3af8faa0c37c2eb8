namespace Mail.Server.Imap.Sorting;

/// <summary>One SORT criterion: the key and whether REVERSE preceded it.</summary>
internal readonly record struct SortCriterion(SortKeyKind Key, bool Reverse)
{
    /// <summary>True when the criterion reads the envelope (addresses, subject, Date header) rather than the row.</summary>
    public bool NeedsEnvelope => Key is not (SortKeyKind.Arrival or SortKeyKind.Size);
}
