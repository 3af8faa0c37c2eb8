namespace Mail.Server.Store;

/// <summary>Which mailbox of each recipient a delivered message lands in.</summary>
public enum DeliveryFolder
{
    /// <summary>The INBOX.</summary>
    Inbox,

    /// <summary>The mailbox with the \Junk role (RFC 6154); the INBOX when the account has none.</summary>
    Junk,
}
