namespace Mail.Server.Auth;

/// <summary>What happens to a received message after the inbound checks.</summary>
public enum MessageDisposition
{
    /// <summary>Into the recipients' INBOX.</summary>
    Deliver,

    /// <summary>Into the recipients' Junk mailbox.</summary>
    Junk,

    /// <summary>Refused at the end of DATA with 550 5.7.1.</summary>
    Reject,
}
