using Mail.WebAdmin.Audit;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages;

/// <summary>The audit log, newest first: everything for the appliance admin, a domain admin's own domains otherwise.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class AuditModel(AuditLog audit, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    public const int PageSize = 50;

    /// <summary>The page number as shown (from 1).</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    public int P { get; set; } = 1;

    public AuditPage? Log { get; private set; }

    public int Pages => Log is null ? 1 : Math.Max(1, (Log.Total + PageSize - 1) / PageSize);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var scope = Actor.Scope;
        P = Math.Max(1, P);
        Log = await audit.ReadAsync(scope.IsApplianceAdmin ? null : scope.Domains.ToArray(), P - 1, PageSize, cancellationToken).ConfigureAwait(false);
    }
}
