namespace Mail.WebAdmin.Engine;

/// <summary>What the web admin may ask of the mail engine (Mail.Server implements it): the admin never reaches into
/// the store, the queue or the key folder itself.</summary>
public interface IMailEngine
{
    /// <summary>Counts for the dashboard.</summary>
    Task<EngineStatistics> StatisticsAsync(CancellationToken cancellationToken);

    /// <summary>The most recent mail events (accepted, delivered, deferred, failed, refused), newest first.</summary>
    Task<IReadOnlyList<MailEvent>> RecentEventsAsync(int count, CancellationToken cancellationToken);

    /// <summary>Every message in the outbound queue, oldest first.</summary>
    Task<IReadOnlyList<QueueEntry>> QueueAsync(CancellationToken cancellationToken);

    /// <summary>Makes a queued message's waiting recipients due now; false when there is no such message.</summary>
    Task<bool> RetryAsync(string queueId, CancellationToken cancellationToken);

    /// <summary>Removes a message from the queue undelivered (nobody is told); false when there is no such message.</summary>
    Task<bool> DeleteQueuedAsync(string queueId, CancellationToken cancellationToken);

    /// <summary>The DKIM keys of a hosted domain and the TXT records that publish them; made (RSA and Ed25519, active)
    /// when the domain has none yet, as <c>domain add</c> does.</summary>
    Task<IReadOnlyList<DkimRecord>> EnsureDkimAsync(string domain, CancellationToken cancellationToken);

    /// <summary>The DNS records a hosted domain should publish (MX, SPF, DKIM, DMARC, client setup names), each
    /// compared with what DNS answers now (asked afresh, not from the cache).</summary>
    Task<IReadOnlyList<DnsRecordCheck>> CheckDnsAsync(string domain, CancellationToken cancellationToken);

    /// <summary>The octets an account's messages take (its quota usage).</summary>
    Task<long> MailboxUsageAsync(string address, CancellationToken cancellationToken);
}
