using DnsClient;
using Mail.Directory;
using Mail.Server.Dkim;
using Mail.Server.Dns;
using Mail.Server.Queue;
using Mail.WebAdmin.Engine;

namespace Mail.Server.Hosting;

/// <summary>The mail engine's side of the web admin's contract: the queue, DKIM keys, DNS checks, the recent-events
/// journal and store figures, over the same objects the protocols use.</summary>
internal sealed class MailEngine(ApplianceOptions options, MailServices services, MailDirectory directory) : IMailEngine
{
    // Checks ask DNS afresh: an operator who has just published a record must not be shown a remembered "missing".
    private readonly Lazy<ILookupClient> _freshDns = new(() => ResolverFactory.Create(options.Dns, cache: false));

    private readonly DkimKeyring _keyring = new(services.Dkim.Folder, TimeProvider.System);

    public Task<EngineStatistics> StatisticsAsync(CancellationToken cancellationToken)
    {
        var queue = services.Spool.Database.Statistics();
        var (_, _, bodies, bytes) = services.Store.Index.Totals();
        return Task.FromResult(new EngineStatistics(queue.Messages, bodies, bytes));
    }

    public Task<IReadOnlyList<MailEvent>> RecentEventsAsync(int count, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<MailEvent>>(services.Journal.Recent(count)
            .Select(e => new MailEvent(e.Time, e.QueueId, e.Sender, e.Recipient, (MailEventKind)e.Kind, e.Detail)).ToList());

    public Task<IReadOnlyList<QueueEntry>> QueueAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QueueEntry>>(services.Spool.Database.List()
            .Select(m => new QueueEntry(m.Id, m.Sender, m.Queued, m.Size, m.Recipients
                .Select(r => new QueueRecipient(r.Address, r.State switch
                {
                    RecipientState.Delivered => QueueRecipientState.Delivered,
                    RecipientState.Failed => QueueRecipientState.Failed,
                    _ => QueueRecipientState.Waiting,
                }, r.Attempts, r.NextAttempt, r.LastReply)).ToList())).ToList());

    public Task<bool> RetryAsync(string queueId, CancellationToken cancellationToken)
    {
        var id = queueId.Trim().ToUpperInvariant();
        if (!services.Spool.Database.Contains(id))
        {
            return Task.FromResult(false);
        }

        // The queue notices due recipients within a second.
        services.Spool.Database.MakeDue(id, services.Spool.Time.GetUtcNow());
        return Task.FromResult(true);
    }

    public Task<bool> DeleteQueuedAsync(string queueId, CancellationToken cancellationToken) =>
        Task.FromResult(services.Spool.Delete(queueId.Trim().ToUpperInvariant()));

    public async Task<IReadOnlyList<DkimRecord>> EnsureDkimAsync(string domain, CancellationToken cancellationToken)
    {
        var hosted = await HostedAsync(domain, cancellationToken).ConfigureAwait(false);
        await _keyring.EnsureActiveAsync(hosted, cancellationToken).ConfigureAwait(false);
        var keys = await _keyring.Folder.ReadAsync(hosted, cancellationToken).ConfigureAwait(false);
        return keys.Select(k => new DkimRecord(k.Selector, k.AlgorithmName, k.State.ToString().ToLowerInvariant(),
            DkimDnsRecord.Name(hosted, k), DkimDnsRecord.Text(k), DkimDnsRecord.ZoneLine(hosted, k))).ToList();
    }

    public async Task<IReadOnlyList<DnsRecordCheck>> CheckDnsAsync(string domain, CancellationToken cancellationToken)
    {
        var hosted = await HostedAsync(domain, cancellationToken).ConfigureAwait(false);
        var keys = await _keyring.Folder.ReadAsync(hosted, cancellationToken).ConfigureAwait(false);
        return await PublishedRecordsCheck.For(options, _freshDns.Value).CheckAsync(hosted, keys, cancellationToken).ConfigureAwait(false);
    }

    public Task<long> MailboxUsageAsync(string address, CancellationToken cancellationToken) =>
        Task.FromResult(services.Store.Index.Usage(address.Trim().ToLowerInvariant()));

    // The web admin passes what a user typed or a URL held: only a domain the directory hosts reaches the key folder.
    private async Task<string> HostedAsync(string domain, CancellationToken cancellationToken)
    {
        var name = domain.Trim().TrimEnd('.').ToLowerInvariant();
        return await directory.Domains.IsHostedAsync(name, cancellationToken).ConfigureAwait(false)
            ? name
            : throw new ArgumentException($"{name} is not a domain of this appliance", nameof(domain));
    }
}
