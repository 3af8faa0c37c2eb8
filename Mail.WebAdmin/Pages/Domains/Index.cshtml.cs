using Mail.WebAdmin.Domains;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Domains;

/// <summary>The domains the user manages; the appliance admin adds new ones here.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class IndexModel(DomainAdministration domains, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    public IReadOnlyList<string> Domains { get; private set; } = [];

    [BindProperty]
    public string NewDomain { get; set; } = string.Empty;

    public bool CanAdd => Actor.Scope.IsApplianceAdmin;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Domains = await domains.ListAsync(Actor, cancellationToken).ConfigureAwait(false);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var added = string.Empty;
        return await ChangeAsync(
            async () => added = await domains.AddAsync(Actor, NewDomain, cancellationToken).ConfigureAwait(false),
            () => RedirectToPage("/Domains/Show", new { name = added, done = "added" }),
            async () =>
            {
                await OnGetAsync(cancellationToken).ConfigureAwait(false);
                return Page();
            }).ConfigureAwait(false);
    }
}
