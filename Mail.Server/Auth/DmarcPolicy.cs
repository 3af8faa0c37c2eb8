namespace Mail.Server.Auth;

/// <summary>What a domain owner asks receivers to do with mail that fails DMARC (RFC 7489 6.3, p= and sp=).</summary>
public enum DmarcPolicy
{
    /// <summary>Deliver as usual (monitoring only).</summary>
    None,

    /// <summary>Treat as suspicious: we deliver it into the Junk mailbox.</summary>
    Quarantine,

    /// <summary>Refuse it during the SMTP transaction.</summary>
    Reject,
}
