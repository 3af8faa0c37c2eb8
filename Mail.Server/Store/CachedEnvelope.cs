namespace Mail.Server.Store;

/// <summary>The header fields IMAP's ENVELOPE returns, parsed once at delivery so FETCH never re-reads the message.</summary>
public sealed record CachedEnvelope(
    string? Date,
    string? Subject,
    IReadOnlyList<CachedAddress> From,
    IReadOnlyList<CachedAddress> Sender,
    IReadOnlyList<CachedAddress> ReplyTo,
    IReadOnlyList<CachedAddress> To,
    IReadOnlyList<CachedAddress> Cc,
    IReadOnlyList<CachedAddress> Bcc,
    string? InReplyTo,
    string? MessageId);
