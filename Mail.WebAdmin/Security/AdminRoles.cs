namespace Mail.WebAdmin.Security;

/// <summary>The roles a directory account can hold (maRole), as the web admin names them in claims.</summary>
internal static class AdminRoles
{
    /// <summary>The appliance administrator: everything.</summary>
    public const string Admin = "admin";

    /// <summary>A unit's administrator: the accounts of the domains in maManagedDomain.</summary>
    public const string DomainAdmin = "domain-admin";

    /// <summary>Helpdesk: resets passwords and disables accounts of its domains, nothing else.</summary>
    public const string Helpdesk = "helpdesk";

    /// <summary>No role (a staff member): what the CLI and the role form call taking every role away.</summary>
    public const string User = "user";

    /// <summary>True for a role that opens the admin pages.</summary>
    public static bool IsKnown(string role) => role is Admin or DomainAdmin or Helpdesk;
}
