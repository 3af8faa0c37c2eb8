using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mail.WebAdmin.Pages;

/// <summary>The dashboard.</summary>
public sealed class IndexModel(AdminSite site) : PageModel
{
    /// <summary>The appliance shown.</summary>
    public AdminSite Site { get; } = site;
}
