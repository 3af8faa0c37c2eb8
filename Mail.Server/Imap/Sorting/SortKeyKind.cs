namespace Mail.Server.Imap.Sorting;

/// <summary>What a SORT criterion orders by (RFC 5256 section 3, RFC 5957 section 4).</summary>
internal enum SortKeyKind
{
    /// <summary>INTERNALDATE.</summary>
    Arrival,

    /// <summary>The addr-mailbox of the first Cc address.</summary>
    Cc,

    /// <summary>The sent date (RFC 5256 section 2.2).</summary>
    Date,

    /// <summary>The addr-mailbox of the first From address.</summary>
    From,

    /// <summary>RFC822.SIZE.</summary>
    Size,

    /// <summary>The base subject (RFC 5256 section 2.1).</summary>
    Subject,

    /// <summary>The addr-mailbox of the first To address.</summary>
    To,

    /// <summary>The display name of the first From address, else its address (RFC 5957).</summary>
    DisplayFrom,

    /// <summary>The display name of the first To address, else its address (RFC 5957).</summary>
    DisplayTo,
}
