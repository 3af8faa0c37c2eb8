using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages;

/// <summary>Any staff member changes their own password (the current one is checked by a bind first, behind the sign-in
/// throttle: a borrowed session must not become a password-guessing oracle).</summary>
internal sealed class PasswordModel(AccountAdministration administration, LoginThrottle throttle, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    [BindProperty]
    public string Current { get; set; } = string.Empty;

    [BindProperty]
    public string New { get; set; } = string.Empty;

    [BindProperty]
    public string Confirm { get; set; } = string.Empty;

    public bool Changed { get; private set; }

    public void OnGet(bool changed) => Changed = changed;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (New != Confirm)
        {
            ModelState.AddModelError(string.Empty, Text["Password.Mismatch"]);
            return Page();
        }

        var client = HttpContext.Connection.RemoteIpAddress;
        if (!throttle.Allows(client))
        {
            ModelState.AddModelError(string.Empty, Text["SignIn.Throttled"]);
            return Page();
        }

        var wrong = false;
        var result = await ChangeAsync(
            async () => wrong = !await administration.ChangeOwnPasswordAsync(Actor, Current, New, cancellationToken).ConfigureAwait(false),
            () => RedirectToPage(new { changed = true }),
            () => Task.FromResult<IActionResult>(Page())).ConfigureAwait(false);
        if (!wrong)
        {
            return result;
        }

        throttle.Failed(client);
        ModelState.AddModelError(string.Empty, Text["Password.WrongCurrent"]);
        return Page();
    }
}
