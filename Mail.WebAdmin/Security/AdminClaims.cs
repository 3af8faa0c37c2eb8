using System.Globalization;
using System.Security.Claims;
using Mail.Directory;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Mail.WebAdmin.Security;

/// <summary>What the sign-in cookie says about its holder: the account, its roles and managed domains as read from
/// the directory, and when the holder signed in (for the absolute session limit).</summary>
internal static class AdminClaims
{
    /// <summary>A domain the holder manages (one claim each).</summary>
    public const string ManagedDomain = "mail:domain";

    /// <summary>The display name.</summary>
    public const string DisplayName = "mail:name";

    /// <summary>Unix seconds of the password sign-in; sliding renewals keep it.</summary>
    public const string SignedInAt = "mail:signed-in";

    /// <summary>The principal for <paramref name="account"/>, signed in at <paramref name="signedInAt"/>.</summary>
    public static ClaimsPrincipal For(Account account, DateTimeOffset signedInAt)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.Name, account.Address),
            new(DisplayName, account.Name),
            new(SignedInAt, signedInAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
        };
        claims.AddRange(account.Roles.Where(AdminRoles.IsKnown).Select(r => new Claim(ClaimTypes.Role, r)));
        claims.AddRange(ManagedDomains(account).Select(d => new Claim(ManagedDomain, d)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, CookieAuthenticationDefaults.AuthenticationScheme));
    }

    /// <summary>True when the principal's roles and domains no longer match the directory's account.</summary>
    public static bool IsStale(ClaimsPrincipal principal, Account account)
    {
        var roles = principal.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal);
        var domains = principal.FindAll(ManagedDomain).Select(c => c.Value).Order(StringComparer.Ordinal);
        return !roles.SequenceEqual(account.Roles.Where(AdminRoles.IsKnown).Order(StringComparer.Ordinal))
            || !domains.SequenceEqual(ManagedDomains(account).Order(StringComparer.Ordinal))
            || principal.FindFirst(DisplayName)?.Value != account.Name;
    }

    /// <summary>When the holder signed in with a password.</summary>
    public static DateTimeOffset? SignedIn(ClaimsPrincipal principal) =>
        long.TryParse(principal.FindFirst(SignedInAt)?.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;

    // A domain admin or helpdesk account without maManagedDomain manages its own domain: the common case of a
    // school's admin whose account lives in the school's domain needs no extra attribute.
    private static IEnumerable<string> ManagedDomains(Account account)
    {
        if (account.ManagedDomains.Count > 0)
        {
            return account.ManagedDomains.Distinct(StringComparer.Ordinal);
        }

        var delegated = account.Roles.Any(r => r is AdminRoles.DomainAdmin or AdminRoles.Helpdesk);
        return delegated ? [account.Address[(account.Address.LastIndexOf('@') + 1)..]] : [];
    }
}
