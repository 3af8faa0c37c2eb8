using Mail.Directory.Ldap;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin.Pages;

/// <summary>What the admin's pages share: the actor of the request, and one way to turn a directory's refusal into a
/// message beside the form instead of an error page.</summary>
public abstract class AdminPageModel(IStringLocalizer<SharedResource> text) : PageModel
{
    /// <summary>The page's text.</summary>
    protected IStringLocalizer<SharedResource> Text { get; } = text;

    internal AdminActor Actor => AdminActor.Of(HttpContext);

    /// <summary>Turns what a handler could not do into a status page: a hand-typed URL outside the user's scope is a
    /// 403, an unknown account a 404, the directory down a 503 (and none of them an error in the log).</summary>
    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var executed = await next().ConfigureAwait(false);
        var status = ExpectedFailureStatus.Of(executed.Exception);
        if (status == 0 || executed.ExceptionHandled)
        {
            return;
        }

        if (status == StatusCodes.Status403Forbidden)
        {
            HttpContext.RequestServices.GetRequiredService<ILogger<AdminPageModel>>().Forbidden(Actor.Address, HttpContext.Request.Path);
        }

        executed.ExceptionHandled = true;
        executed.Result = new StatusCodeResult(status);
    }

    /// <summary>Makes a change; a refusal or an outage becomes a form error and <paramref name="failed"/> renders the
    /// page again.</summary>
    protected async Task<IActionResult> ChangeAsync(Func<Task> change, Func<IActionResult> done, Func<Task<IActionResult>> failed)
    {
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(done);
        ArgumentNullException.ThrowIfNull(failed);
        try
        {
            await change().ConfigureAwait(false);
            return done();
        }
        catch (DirectoryRequestRejectedException ex)
        {
            ModelState.AddModelError(string.Empty, Text["Error.Rejected", Reason(ex)]);
        }
        catch (ChangeRefusedException ex)
        {
            ModelState.AddModelError(string.Empty, Text["Error.Rejected", Text[ex.Key, [.. ex.Arguments]]]);
        }
        catch (DirectoryUnavailableException)
        {
            ModelState.AddModelError(string.Empty, Text["Error.Unavailable"]);
        }

        return await failed().ConfigureAwait(false);
    }

    // The directory's refusals carry a reason code with what it cites, translated here; one without a code (a rare
    // case the user cannot cause from these pages) keeps Mail.Directory's English sentence.
    private string Reason(DirectoryRequestRejectedException refusal) => refusal.Reason == DirectoryRefusal.Unspecified
        ? refusal.Message
        : Text[$"Refusal.{refusal.Reason}", [.. refusal.Arguments]];
}
