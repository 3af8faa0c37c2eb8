using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Mail.WebAdmin.Pages;

/// <summary>The page shown for an error status (re-executed by the status code and exception middleware, for GET and
/// POST alike, so it takes no antiforgery token of its own).</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
internal sealed class StatusModel : PageModel
{
    /// <summary>The statuses the page has words for; anything else is shown as 500.</summary>
    public static readonly IReadOnlySet<int> Known = new HashSet<int> { 400, 403, 404, 405, 429, 500, 503 };

    public int Code { get; private set; }

    public void OnGet(int? code) => Show(code);

    public void OnPost(int? code) => Show(code);

    private void Show(int? code)
    {
        // Reached directly (not re-executed) the page is a 404 itself.
        var status = code ?? (Response.StatusCode >= 400 ? Response.StatusCode : StatusCodes.Status404NotFound);
        Code = Known.Contains(status) ? status : StatusCodes.Status500InternalServerError;
        if (Response.StatusCode < 400)
        {
            Response.StatusCode = Code;
        }
    }
}
