using Mail.Directory;
using Mail.WebAdmin.Groups;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Groups;

/// <summary>The groups of the user's domains, searched without diacritics, 50 a page.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class IndexModel(GroupAdministration groups, IStringLocalizer<SharedResource> text) : SearchListModel(text)
{
    internal ListPage<Group>? List { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        List = ListPage<Group>.Of(await groups.ListAsync(Actor, Q, cancellationToken).ConfigureAwait(false), P - 1);
}
