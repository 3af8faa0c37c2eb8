using System.Text;
using Mail.WebAdmin.Domains;
using Mail.WebAdmin.Import;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Import;

/// <summary>Bulk import of accounts from CSV: upload or paste, a preview that writes nothing, then a commit that
/// creates every account or none and shows the initial passwords once, on printable credential slips. The preview
/// carries the file itself and a fingerprint of its plan, so the server keeps no state between the two steps and a
/// directory that changed meanwhile shows the new plan instead of creating other addresses than the ones previewed.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
[RequestSizeLimit(AccountImporter.MaxBytes * 3)]
internal sealed class IndexModel(AccountImporter importer, DomainAdministration domains, IStringLocalizer<SharedResource> text,
    IStringLocalizer<OperationsResource> operations) : AdminPageModel(text)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public IReadOnlyList<string> Domains { get; private set; } = [];

    [BindProperty]
    public string Domain { get; set; } = string.Empty;

    [BindProperty]
    public string? Csv { get; set; }

    [BindProperty]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public string? Fingerprint { get; set; }

    internal ImportPlan? Plan { get; private set; }

    internal ImportResult? Result { get; private set; }

    /// <summary>True when a commit found another plan than the one previewed.</summary>
    public bool Changed { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadDomainsAsync(cancellationToken);

    public async Task<IActionResult> OnPostPreviewAsync(CancellationToken cancellationToken)
    {
        await LoadDomainsAsync(cancellationToken).ConfigureAwait(false);
        if (Upload is { Length: > 0 })
        {
            if (Upload.Length > AccountImporter.MaxBytes)
            {
                return Error(operations["Import.TooLarge", AccountImporter.MaxBytes / 1024]);
            }

            try
            {
                await using var stream = Upload.OpenReadStream();
                using var reader = new StreamReader(stream, StrictUtf8, detectEncodingFromByteOrderMarks: false);
                Csv = await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (DecoderFallbackException)
            {
                return Error(operations["Import.NotUtf8"]);
            }
        }

        return await PlanAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<IActionResult> OnPostCommitAsync(CancellationToken cancellationToken)
    {
        await LoadDomainsAsync(cancellationToken).ConfigureAwait(false);
        var page = await PlanAsync(cancellationToken).ConfigureAwait(false);
        if (Plan is null || Plan.HasErrors || Plan.Fingerprint != Fingerprint)
        {
            Changed = Plan is not null;
            return page;
        }

        Result = await importer.CommitAsync(Actor, Plan, cancellationToken).ConfigureAwait(false);

        // The page holds initial passwords: never kept by a browser cache or a proxy.
        Response.Headers.CacheControl = "no-store";
        return Page();
    }

    private async Task<IActionResult> PlanAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Csv))
        {
            return Error(operations["Import.Empty"]);
        }

        if (Encoding.UTF8.GetByteCount(Csv) > AccountImporter.MaxBytes)
        {
            return Error(operations["Import.TooLarge", AccountImporter.MaxBytes / 1024]);
        }

        var plan = await importer.PlanAsync(Actor, Csv, Domain, cancellationToken).ConfigureAwait(false);
        if (plan.Rows.Count > AccountImporter.MaxRows)
        {
            return Error(operations["Import.TooManyRows", AccountImporter.MaxRows]);
        }

        Plan = plan;
        return Page();
    }

    private PageResult Error(string message)
    {
        ModelState.AddModelError(string.Empty, message);
        return Page();
    }

    private async Task LoadDomainsAsync(CancellationToken cancellationToken) =>
        Domains = await domains.ListAsync(Actor, cancellationToken).ConfigureAwait(false);
}
