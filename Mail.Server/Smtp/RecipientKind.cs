namespace Mail.Server.Smtp;

/// <summary>Where an accepted recipient's copy goes.</summary>
public enum RecipientKind
{
    /// <summary>A local account's INBOX.</summary>
    LocalAccount,

    /// <summary>A local group, expanded at delivery.</summary>
    LocalGroup,

    /// <summary>Another domain, through the outbound queue (authenticated senders only).</summary>
    Outbound,
}
