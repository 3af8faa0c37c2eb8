using Mail.Directory;
using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Accounts;

/// <summary>Creates an account in one of the user's domains.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class NewModel(MailDirectory directory, AccountAdministration administration, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    [BindProperty]
    public string LocalPart { get; set; } = string.Empty;

    [BindProperty]
    public string Domain { get; set; } = string.Empty;

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty]
    public string? Quota { get; set; }

    public IReadOnlyList<string> Domains { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        await LoadDomainsAsync(cancellationToken).ConfigureAwait(false);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!QuotaText.TryParse(Quota, out var quota))
        {
            ModelState.AddModelError(string.Empty, Text["Account.QuotaInvalid"]);
            return await PageAsync(cancellationToken).ConfigureAwait(false);
        }

        var address = LocalPart.Trim() + "@" + Domain;
        return await ChangeAsync(
            () => administration.CreateAsync(Actor, address, Name, Password, quota, cancellationToken),
            () => RedirectToPage("/Accounts/Edit", new { address = address.ToLowerInvariant(), done = "create" }),
            () => PageAsync(cancellationToken)).ConfigureAwait(false);
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        await LoadDomainsAsync(cancellationToken).ConfigureAwait(false);
        return Page();
    }

    private async Task LoadDomainsAsync(CancellationToken cancellationToken)
    {
        var scope = Actor.Scope;
        Domains = (await directory.Domains.ListAsync(cancellationToken).ConfigureAwait(false)).Where(scope.Covers).ToArray();
    }
}
