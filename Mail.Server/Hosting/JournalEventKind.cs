namespace Mail.Server.Hosting;

/// <summary>What happened to a message in a <see cref="JournalEntry"/>.</summary>
public enum JournalEventKind
{
    /// <summary>Accepted by SMTP and stored in local mailboxes and/or the outbound queue.</summary>
    Accepted,

    /// <summary>Refused at the end of DATA by a policy (DMARC).</summary>
    Refused,

    /// <summary>Accepted by the receiving server of another domain.</summary>
    Delivered,

    /// <summary>A temporary failure; the queue tries again.</summary>
    Deferred,

    /// <summary>Given up; the sender gets a report.</summary>
    Failed,
}
