using Mail.WebAdmin.Domains;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Domains;

/// <summary>One domain: the exact records to publish (zone-file lines to copy) and the live check of each.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class ShowModel(DomainAdministration domains, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    internal DomainRecords? Records { get; private set; }

    public bool Added { get; private set; }

    public async Task OnGetAsync(string? name, string? done, CancellationToken cancellationToken)
    {
        Added = done == "added";
        Records = await domains.CheckAsync(Actor, name ?? string.Empty, cancellationToken).ConfigureAwait(false);
    }
}
