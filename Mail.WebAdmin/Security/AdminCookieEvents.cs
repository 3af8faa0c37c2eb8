using Mail.Directory;
using Mail.Directory.Ldap;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;

namespace Mail.WebAdmin.Security;

/// <summary>Checks the sign-in cookie against the directory on every request: a deleted or disabled account is signed
/// out at once, changed roles or domains apply at once, and no sign-in outlives <see cref="AdminSession.AbsoluteLimit"/>.
/// One LDAP read per request is cheap next to what an admin page does anyway.</summary>
internal sealed class AdminCookieEvents(MailDirectory directory, TimeProvider time) : CookieAuthenticationEvents
{
    public override async Task ValidatePrincipal(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var address = principal?.Identity?.Name;
        var signedIn = principal is null ? null : AdminClaims.SignedIn(principal);
        if (principal is null || address is null || signedIn is null || time.GetUtcNow() - signedIn > AdminSession.AbsoluteLimit)
        {
            await RejectAsync(context).ConfigureAwait(false);
            return;
        }

        Account account;
        try
        {
            account = await directory.Accounts.GetAsync(address, context.HttpContext.RequestAborted).ConfigureAwait(false);
        }
        catch (DirectoryRequestRejectedException)
        {
            await RejectAsync(context).ConfigureAwait(false);
            return;
        }
        catch (DirectoryUnavailableException)
        {
            // The page itself reports the outage; signing everyone out during a slapd restart helps nobody.
            return;
        }

        if (account.Disabled)
        {
            await RejectAsync(context).ConfigureAwait(false);
        }
        else if (AdminClaims.IsStale(principal, account))
        {
            context.ReplacePrincipal(AdminClaims.For(account, signedIn.Value));
            context.ShouldRenew = true;
        }
    }

    // 403 rather than a redirect: the status code page explains it, and scripts and tests see the real status.
    public override Task RedirectToAccessDenied(RedirectContext<CookieAuthenticationOptions> context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return Task.CompletedTask;
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
    }
}
