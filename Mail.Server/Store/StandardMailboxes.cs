namespace Mail.Server.Store;

/// <summary>The mailboxes every new account gets, with their SPECIAL-USE roles (RFC 6154).</summary>
public static class StandardMailboxes
{
    /// <summary>The one mailbox name IMAP treats specially.</summary>
    public const string Inbox = "INBOX";

    /// <summary>Name and role, in the order clients show them.</summary>
    public static IReadOnlyList<(string Name, string? SpecialUse)> All { get; } =
    [
        (Inbox, null), ("Drafts", "\\Drafts"), ("Sent", "\\Sent"), ("Archive", "\\Archive"), ("Junk", "\\Junk"), ("Trash", "\\Trash"),
    ];
}
