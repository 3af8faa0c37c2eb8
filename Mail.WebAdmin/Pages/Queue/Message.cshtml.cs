using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Queue;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Queue;

/// <summary>One queued message: its recipients' state, retry now, delete (after a confirmation). A message the user may
/// not see is a 404, as if it did not exist.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class MessageModel(QueueAdministration queue, IStringLocalizer<SharedResource> text, IStringLocalizer<OperationsResource> operations)
    : AdminPageModel(text)
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = string.Empty;

    public QueueEntry? Message { get; private set; }

    public bool Retried { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Retried = done == "retry";
        return await PageAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostRetryAsync(CancellationToken cancellationToken) =>
        await queue.RetryAsync(Actor, Id, cancellationToken).ConfigureAwait(false)
            ? RedirectToPage(new { id = Id, done = "retry" })
            : NotFound();

    public async Task<IActionResult> OnPostDeleteAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            ModelState.AddModelError(string.Empty, operations["Queue.DeleteNotConfirmed"]);
            return await PageAsync(cancellationToken).ConfigureAwait(false);
        }

        return await queue.DeleteAsync(Actor, Id, cancellationToken).ConfigureAwait(false)
            ? RedirectToPage("/Queue/Index", new { done = "deleted" })
            : NotFound();
    }

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        Message = await queue.GetAsync(Actor, Id, cancellationToken).ConfigureAwait(false);
        return Message is null ? NotFound() : Page();
    }
}
