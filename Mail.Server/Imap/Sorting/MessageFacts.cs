using Mail.Server.Store;

namespace Mail.Server.Imap.Sorting;

/// <summary>What SORT and THREAD order one message by, read once per command: its place in the mailbox, its row,
/// its cached envelope with the sent date and base subject, and for REFERENCES threading its own and its parents'
/// message ids.</summary>
internal sealed class MessageFacts
{
    public required long Uid { get; init; }

    /// <summary>The sequence number in the session's view: the final tie-breaker of every order (RFC 5256).</summary>
    public required int Sequence { get; init; }

    /// <summary>INTERNALDATE in Unix seconds.</summary>
    public required long InternalDate { get; init; }

    /// <summary>RFC822.SIZE.</summary>
    public required long Size { get; init; }

    /// <summary>The Date header in Unix seconds (UTC), or INTERNALDATE when it is missing or unparsable (RFC 5256 2.2).</summary>
    public required long SentDate { get; init; }

    /// <summary>The cached envelope (empty when it was not needed or the message is gone from the index).</summary>
    public required CachedEnvelope Envelope { get; init; }

    public required BaseSubject Subject { get; init; }

    /// <summary>The normalised Message-ID, or null when there is no valid one.</summary>
    public string? MessageId { get; init; }

    /// <summary>The references REFERENCES threading links by: the valid ids of References, else the first valid id
    /// of In-Reply-To, else none (RFC 5256 section 3).</summary>
    public IReadOnlyList<string> References { get; init; } = [];
}
