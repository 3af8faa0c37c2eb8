using Mail.Directory;
using Mail.WebAdmin.Domains;
using Mail.WebAdmin.Groups;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Groups;

/// <summary>Creates a group in one of the user's domains.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class NewModel(GroupAdministration groups, DomainAdministration domains, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    [BindProperty]
    public string LocalPart { get; set; } = string.Empty;

    [BindProperty]
    public string Domain { get; set; } = string.Empty;

    [BindProperty]
    public string Name { get; set; } = string.Empty;

    [BindProperty]
    public SenderPolicy Policy { get; set; } = SenderPolicy.Members;

    public IReadOnlyList<string> Domains { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Domains = await domains.ListAsync(Actor, cancellationToken).ConfigureAwait(false);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var address = (LocalPart.Trim() + "@" + Domain).ToLowerInvariant();
        return await ChangeAsync(
            () => groups.CreateAsync(Actor, address, Name, Policy, cancellationToken),
            () => RedirectToPage("/Groups/Edit", new { address, done = "create" }),
            async () =>
            {
                await OnGetAsync(cancellationToken).ConfigureAwait(false);
                return Page();
            }).ConfigureAwait(false);
    }
}
