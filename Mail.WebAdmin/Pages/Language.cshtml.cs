using Mail.WebAdmin.Localization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mail.WebAdmin.Pages;

/// <summary>The language switch: remembers the choice in a cookie for a year and returns to the page it came from.</summary>
[AllowAnonymous]
internal sealed class LanguageModel : PageModel
{
    public IActionResult OnGet() => RedirectToPage("/Index");

    public IActionResult OnPost(string? culture, string? returnUrl)
    {
        if (AdminCultures.IsSupported(culture))
        {
            Response.Cookies.Append(AdminCultures.CookieName, CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture!)), new CookieOptions
            {
                Expires = DateTimeOffset.UtcNow.AddYears(1),
                HttpOnly = true,
                Secure = true,
                SameSite = SameSiteMode.Strict,
                IsEssential = true,
            });
        }

        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }
}
