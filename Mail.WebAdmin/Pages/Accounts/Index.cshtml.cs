using Mail.Directory;
using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Accounts;

/// <summary>The account list of the domains the user manages: search without diacritics, 50 a page.</summary>
[Authorize(Policy = AdminPolicies.ManageAccounts)]
internal sealed class IndexModel(AccountCatalog catalog, IStringLocalizer<SharedResource> text) : SearchListModel(text)
{
    internal ListPage<Account>? List { get; private set; }

    public bool CanCreate => Actor.Scope.EditsAccounts;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = Actor.Scope;
        List = await catalog.SearchAsync(scope.Covers, Q, P - 1, ListPage<Account>.DefaultSize, cancellationToken).ConfigureAwait(false);
    }
}
