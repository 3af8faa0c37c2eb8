namespace Mail.WebAdmin.Engine;

/// <summary>What happened in a <see cref="MailEvent"/>.</summary>
public enum MailEventKind
{
    /// <summary>Accepted by SMTP and stored (local mailboxes and/or the outbound queue).</summary>
    Accepted,

    /// <summary>Refused at the end of DATA by a policy.</summary>
    Refused,

    /// <summary>Accepted by another domain's server.</summary>
    Delivered,

    /// <summary>A temporary failure; retried later.</summary>
    Deferred,

    /// <summary>Given up; returned to the sender.</summary>
    Failed,
}
