using Mail.Directory;
using Mail.Directory.Ldap;
using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin.Pages;

/// <summary>Sign-in: binds to the directory as the account (the web admin never sees a hash), behind a throttle per
/// client address.</summary>
[AllowAnonymous]
internal sealed class LoginModel(MailDirectory directory, LoginThrottle throttle, AccountAdministration administration, TimeProvider time,
    IStringLocalizer<SharedResource> text, ILogger<LoginModel> logger) : AdminPageModel(text)
{
    [BindProperty]
    public string Login { get; set; } = string.Empty;

    [BindProperty]
    public string Password { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var client = HttpContext.Connection.RemoteIpAddress;
        var remote = client?.ToString() ?? string.Empty;
        Login = Login.Trim();
        if (!throttle.Allows(client))
        {
            logger.SignInThrottled(remote);
            ModelState.AddModelError(string.Empty, Text["SignIn.Throttled"]);
            Response.StatusCode = StatusCodes.Status429TooManyRequests;
            return Page();
        }

        AuthenticationResult result;
        try
        {
            result = await directory.Authenticator.AuthenticateAsync(Login, Password, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryUnavailableException)
        {
            ModelState.AddModelError(string.Empty, Text["Error.Unavailable"]);
            return Page();
        }

        if (!result.Succeeded || result.Account is null)
        {
            throttle.Failed(client);
            logger.SignInFailed(Login, remote);
            await administration.RecordSignInAsync(Login, remote, succeeded: false, cancellationToken).ConfigureAwait(false);
            ModelState.AddModelError(string.Empty, Text["SignIn.Failed"]);
            return Page();
        }

        throttle.Succeeded(client);
        var account = await directory.Accounts.GetAsync(result.Account, cancellationToken).ConfigureAwait(false);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AdminClaims.For(account, time.GetUtcNow())).ConfigureAwait(false);
        logger.SignedIn(account.Address, remote);
        await administration.RecordSignInAsync(account.Address, remote, succeeded: true, cancellationToken).ConfigureAwait(false);
        return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl : "/");
    }
}
