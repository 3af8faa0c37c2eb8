using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Queue;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Queue;

/// <summary>The outbound queue, 50 messages a page: every message for the appliance admin, a domain admin's domains'
/// messages otherwise; searched by id, sender or recipient.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class IndexModel(QueueAdministration queue, IStringLocalizer<SharedResource> text) : SearchListModel(text)
{
    internal ListPage<QueueEntry>? List { get; private set; }

    public bool Deleted { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Deleted = done == "deleted";
        List = ListPage<QueueEntry>.Of(await queue.ListAsync(Actor, Q, cancellationToken).ConfigureAwait(false), P - 1);
    }
}
