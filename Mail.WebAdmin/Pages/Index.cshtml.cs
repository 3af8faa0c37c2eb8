using Mail.WebAdmin.Dashboard;
using Mail.WebAdmin.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages;

/// <summary>The dashboard; staff without an admin role land on their password page instead.</summary>
internal sealed class IndexModel(AdminSite site, DashboardReport report, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    /// <summary>The appliance shown.</summary>
    public AdminSite Site { get; } = site;

    public DashboardFigures? Figures { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!Actor.Scope.ManagesAccounts)
        {
            return RedirectToPage("/Password");
        }

        Figures = await report.ReadAsync(Actor, cancellationToken).ConfigureAwait(false);
        return Page();
    }
}
