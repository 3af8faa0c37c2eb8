using Microsoft.AspNetCore.Authorization;

namespace Mail.WebAdmin.Security;

/// <summary>The authorization policies pages name; which accounts within a policy is <see cref="AdminScope"/>'s job.</summary>
internal static class AdminPolicies
{
    /// <summary>Any admin role: the account pages.</summary>
    public const string ManageAccounts = "manage-accounts";

    /// <summary>Appliance or domain admin: create, edit, delete, the audit log.</summary>
    public const string EditAccounts = "edit-accounts";

    /// <summary>Registers the policies; every page not marked otherwise needs a signed-in user.</summary>
    public static void Configure(AuthorizationOptions options)
    {
        options.AddPolicy(ManageAccounts, p => p.RequireRole(AdminRoles.Admin, AdminRoles.DomainAdmin, AdminRoles.Helpdesk));
        options.AddPolicy(EditAccounts, p => p.RequireRole(AdminRoles.Admin, AdminRoles.DomainAdmin));
        options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
    }
}
