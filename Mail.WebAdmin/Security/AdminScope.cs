using System.Security.Claims;

namespace Mail.WebAdmin.Security;

/// <summary>What the signed-in user may do to which accounts, from the roles and domains in their cookie (which
/// <see cref="AdminCookieEvents"/> keeps in step with the directory).</summary>
internal sealed class AdminScope
{
    private readonly HashSet<string> _roles;
    private readonly HashSet<string> _domains;

    private AdminScope(string user, IEnumerable<string> roles, IEnumerable<string> domains)
    {
        User = user;
        _roles = roles.ToHashSet(StringComparer.Ordinal);
        _domains = domains.ToHashSet(StringComparer.Ordinal);
    }

    /// <summary>The signed-in account's address.</summary>
    public string User { get; }

    /// <summary>The appliance administrator.</summary>
    public bool IsApplianceAdmin => _roles.Contains(AdminRoles.Admin);

    /// <summary>A unit's administrator (of <see cref="Domains"/>).</summary>
    public bool IsDomainAdmin => _roles.Contains(AdminRoles.DomainAdmin);

    /// <summary>True when the user holds any admin role (sees the account pages).</summary>
    public bool ManagesAccounts => _roles.Count > 0;

    /// <summary>True when the user may create, edit and delete accounts somewhere.</summary>
    public bool EditsAccounts => IsApplianceAdmin || IsDomainAdmin;

    /// <summary>The domains a delegated admin manages (empty for the appliance admin, who manages all).</summary>
    public IReadOnlySet<string> Domains => _domains;

    /// <summary>The scope of a signed-in principal.</summary>
    public static AdminScope Of(ClaimsPrincipal principal) => new(
        principal.Identity?.Name ?? string.Empty,
        principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Where(AdminRoles.IsKnown),
        principal.FindAll(AdminClaims.ManagedDomain).Select(c => c.Value));

    /// <summary>True when the user sees accounts of <paramref name="domain"/>.</summary>
    public bool Covers(string domain) => IsApplianceAdmin || (ManagesAccounts && _domains.Contains(domain));

    /// <summary>May the user do <paramref name="action"/> to an account of <paramref name="domain"/> holding
    /// <paramref name="targetRoles"/>? A delegated admin never acts on an account with more power than their own
    /// (a helpdesk resetting the appliance admin's password would own the appliance).</summary>
    public bool Allows(AccountAction action, string domain, IReadOnlyCollection<string> targetRoles)
    {
        if (IsApplianceAdmin)
        {
            return true;
        }

        if (!_domains.Contains(domain))
        {
            return false;
        }

        if (IsDomainAdmin && !targetRoles.Contains(AdminRoles.Admin))
        {
            return true;
        }

        return _roles.Contains(AdminRoles.Helpdesk)
            && action is AccountAction.View or AccountAction.ResetPassword or AccountAction.Disable
            && !targetRoles.Any(AdminRoles.IsKnown);
    }
}
