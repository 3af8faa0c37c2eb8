using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages;

/// <summary>The dashboard; staff without an admin role land on their password page instead.</summary>
internal sealed class IndexModel(AdminSite site, AccountCatalog catalog, IMailEngine engine, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    /// <summary>The appliance shown.</summary>
    public AdminSite Site { get; } = site;

    public int Accounts { get; private set; }

    public EngineStatistics? Statistics { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = Actor.Scope;
        if (!scope.ManagesAccounts)
        {
            return RedirectToPage("/Password");
        }

        Accounts = await catalog.CountAsync(scope.Covers, cancellationToken).ConfigureAwait(false);
        if (scope.IsApplianceAdmin)
        {
            Statistics = await engine.StatisticsAsync(cancellationToken).ConfigureAwait(false);
        }

        return Page();
    }
}
