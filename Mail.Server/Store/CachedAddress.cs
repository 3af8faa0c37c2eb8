namespace Mail.Server.Store;

/// <summary>One address of a cached envelope, split as IMAP's ENVELOPE needs it (RFC 9051 7.5.2).</summary>
public sealed record CachedAddress(string? Name, string? Mailbox, string? Host);
