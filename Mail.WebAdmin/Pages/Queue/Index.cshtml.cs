using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Queue;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Queue;

/// <summary>The outbound queue: every message for the appliance admin, a domain admin's domains' messages otherwise.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class IndexModel(QueueAdministration queue, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    public IReadOnlyList<QueueEntry> Messages { get; private set; } = [];

    public bool Deleted { get; private set; }

    public async Task OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Deleted = done == "deleted";
        Messages = await queue.ListAsync(Actor, cancellationToken).ConfigureAwait(false);
    }
}
