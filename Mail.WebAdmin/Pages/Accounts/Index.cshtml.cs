using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Accounts;

/// <summary>The account list of the domains the user manages: search without diacritics, 50 a page.</summary>
[Authorize(Policy = AdminPolicies.ManageAccounts)]
internal sealed class IndexModel(AccountCatalog catalog, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    /// <summary>The page number as shown (from 1).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int P { get; set; } = 1;

    internal AccountListPage? List { get; private set; }

    public bool CanCreate => Actor.Scope.EditsAccounts;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = Actor.Scope;
        List = await catalog.SearchAsync(scope.Covers, Q, P - 1, PageSize, cancellationToken).ConfigureAwait(false);
    }
}
