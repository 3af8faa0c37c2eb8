namespace Mail.Server.Store;

/// <summary>A mailbox with its IMAP counters, current message count and size, and whether it is subscribed.</summary>
public sealed record MailboxInfo(
    long Id, string Account, string Name, string? SpecialUse, long UidValidity, long UidNext, long HighestModSeq, int Messages, long Size, bool Subscribed = true);
