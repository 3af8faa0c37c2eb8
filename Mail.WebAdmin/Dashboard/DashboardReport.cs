using Mail.Directory;
using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Queue;
using Mail.WebAdmin.Security;

namespace Mail.WebAdmin.Dashboard;

/// <summary>Gathers the dashboard's figures for one viewer: the appliance admin sees the appliance, a delegated admin
/// their domains (storage summed over their accounts' mailboxes, events and queue filtered by sender or recipient).</summary>
internal sealed class DashboardReport(MailDirectory directory, AccountCatalog catalog, IMailEngine engine)
{
    /// <summary>Events shown.</summary>
    public const int EventCount = 20;

    // The journal is read deeper than shown so a school's events are not crowded out by the rest of the appliance's.
    private const int JournalDepth = 1000;

    public async Task<DashboardFigures> ReadAsync(AdminActor actor, CancellationToken cancellationToken)
    {
        var scope = actor.Scope;
        var accounts = await catalog.CountAsync(scope.Covers, cancellationToken).ConfigureAwait(false);
        if (!scope.EditsAccounts)
        {
            return new DashboardFigures(accounts, 0, 0, 0, 0, false, []);
        }

        var domains = (await directory.Domains.ListAsync(cancellationToken).ConfigureAwait(false)).Count(scope.Covers);
        var groups = (await directory.Groups.ListAsync(null, cancellationToken).ConfigureAwait(false))
            .Count(g => scope.Covers(AccountAdministration.DomainOf(g.Address)));
        var queue = await engine.QueueAsync(cancellationToken).ConfigureAwait(false);
        var queued = queue.Count(m => QueueAdministration.DomainOf(actor, m) is not null);
        var events = (await engine.RecentEventsAsync(JournalDepth, cancellationToken).ConfigureAwait(false))
            .Where(e => e.Kind != MailEventKind.Accepted && Concerns(scope, e))
            .Take(EventCount)
            .ToArray();
        return new DashboardFigures(accounts, groups, domains, queued, await StorageAsync(scope, cancellationToken).ConfigureAwait(false), true, events);
    }

    private static bool Concerns(AdminScope scope, MailEvent e) =>
        scope.IsApplianceAdmin
        || (e.Sender.Length > 0 && scope.Covers(AccountAdministration.DomainOf(e.Sender)))
        || (e.Recipient.Length > 0 && scope.Covers(AccountAdministration.DomainOf(e.Recipient)));

    private async Task<long> StorageAsync(AdminScope scope, CancellationToken cancellationToken)
    {
        if (scope.IsApplianceAdmin)
        {
            return (await engine.StatisticsAsync(cancellationToken).ConfigureAwait(false)).StoreBytes;
        }

        long total = 0;
        var list = await catalog.SearchAsync(scope.Covers, null, 0, 1_000_000, cancellationToken).ConfigureAwait(false);
        foreach (var account in list.Items)
        {
            total += await engine.MailboxUsageAsync(account.Address, cancellationToken).ConfigureAwait(false);
        }

        return total;
    }
}
