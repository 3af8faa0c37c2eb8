using Mail.Directory;
using Mail.WebAdmin.Groups;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Groups;

/// <summary>The groups of the user's domains, searched without diacritics.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class IndexModel(GroupAdministration groups, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Group> Groups { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Groups = await groups.ListAsync(Actor, Q, cancellationToken).ConfigureAwait(false);
}
