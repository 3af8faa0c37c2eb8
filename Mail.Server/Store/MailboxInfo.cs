namespace Mail.Server.Store;

/// <summary>A mailbox with its IMAP counters and current message count and size.</summary>
public sealed record MailboxInfo(
    long Id, string Account, string Name, string? SpecialUse, long UidValidity, long UidNext, long HighestModSeq, int Messages, long Size);
