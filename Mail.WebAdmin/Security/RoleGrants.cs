namespace Mail.WebAdmin.Security;

/// <summary>Who may give which role and managed domains to whom. The appliance admin gives any role with any hosted
/// domains. A domain admin makes accounts of their own domains helpdesk or staff and delegates only their own domains;
/// they never appoint another domain admin (a delegated admin who could appoint peers could appoint an accomplice the
/// appliance admin never chose) and never change a domain admin's or an admin's role. Helpdesk and staff give nothing.
/// Nobody changes their own role, and the last enabled appliance admin keeps the role
/// (<see cref="Accounts.AccountAdministration"/> checks those two against the directory).</summary>
internal static class RoleGrants
{
    /// <summary>Refusal: the account is the last enabled appliance admin ({0}: its address).</summary>
    public const string LastAdmin = "Refusal.LastAdmin";

    /// <summary>Refusal: the account is the user's own.</summary>
    public const string OwnRole = "Refusal.OwnRole";

    /// <summary>Every refusal key, for the translation check.</summary>
    public static readonly IReadOnlyList<string> Refusals = [LastAdmin, OwnRole];

    /// <summary>Every role, in the order the page offers them.</summary>
    public static readonly IReadOnlyList<string> All = [AdminRoles.User, AdminRoles.Helpdesk, AdminRoles.DomainAdmin, AdminRoles.Admin];

    private static readonly IReadOnlyList<string> Delegated = [AdminRoles.User, AdminRoles.Helpdesk];

    /// <summary>The roles the user may give an account of <paramref name="domain"/> that holds
    /// <paramref name="targetRoles"/> (empty: none, and the page shows no role form).</summary>
    public static IReadOnlyList<string> Grantable(AdminScope scope, string domain, IReadOnlyCollection<string> targetRoles)
    {
        if (scope.IsApplianceAdmin)
        {
            return All;
        }

        var peerOrAbove = targetRoles.Contains(AdminRoles.Admin) || targetRoles.Contains(AdminRoles.DomainAdmin);
        return scope.IsDomainAdmin && scope.Domains.Contains(domain) && !peerOrAbove ? Delegated : [];
    }

    /// <summary>The one role an account holds as the page shows it (<see cref="AdminRoles.User"/> for none).</summary>
    public static string Current(IReadOnlyCollection<string> roles) =>
        All.LastOrDefault(roles.Contains) ?? AdminRoles.User;

    /// <summary>True when the role comes with managed domains.</summary>
    public static bool TakesDomains(string role) => role is AdminRoles.DomainAdmin or AdminRoles.Helpdesk;
}
