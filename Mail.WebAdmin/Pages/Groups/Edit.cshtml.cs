using Mail.Directory;
using Mail.WebAdmin.Groups;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Groups;

/// <summary>One group: members (local accounts, nested groups, outside addresses), its other addresses, who may send
/// to it, and delete.
/// Every handler goes through <see cref="GroupAdministration"/>, which checks the user's scope again.</summary>
[Authorize(Policy = AdminPolicies.EditAccounts)]
internal sealed class EditModel(GroupAdministration groups, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    private static readonly HashSet<string> DoneCodes = ["create", "member-add", "member-remove", "alias-add", "alias-remove", "policy", "public", "sender-add", "sender-remove"];

    [BindProperty(SupportsGet = true)]
    public string Address { get; set; } = string.Empty;

    public Group? Group { get; private set; }

    /// <summary>Whether the group is in the public contact list.</summary>
    public bool IsPublic { get; private set; }

    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done is not null && DoneCodes.Contains(done) ? done : null;
        return await PageAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostAddMemberAsync(string? member, CancellationToken cancellationToken) =>
        Change(() => groups.AddMemberAsync(Actor, Address, member ?? string.Empty, cancellationToken), "member-add", cancellationToken);

    public Task<IActionResult> OnPostRemoveMemberAsync(string? member, CancellationToken cancellationToken) =>
        Change(() => groups.RemoveMemberAsync(Actor, Address, member ?? string.Empty, cancellationToken), "member-remove", cancellationToken);

    public Task<IActionResult> OnPostAddAliasAsync(string? alias, CancellationToken cancellationToken) =>
        Change(() => groups.AddAliasAsync(Actor, Address, alias ?? string.Empty, cancellationToken), "alias-add", cancellationToken);

    public Task<IActionResult> OnPostRemoveAliasAsync(string? alias, CancellationToken cancellationToken) =>
        Change(() => groups.RemoveAliasAsync(Actor, Address, alias ?? string.Empty, cancellationToken), "alias-remove", cancellationToken);

    public Task<IActionResult> OnPostPolicyAsync(SenderPolicy policy, CancellationToken cancellationToken) =>
        Change(() => groups.SetPolicyAsync(Actor, Address, policy, cancellationToken), "policy", cancellationToken);

    public Task<IActionResult> OnPostPublicAsync(bool isPublic, CancellationToken cancellationToken) =>
        Change(() => groups.SetPublicAsync(Actor, Address, isPublic, cancellationToken), "public", cancellationToken);

    public Task<IActionResult> OnPostAddSenderAsync(string? sender, CancellationToken cancellationToken) =>
        Change(() => groups.AddSenderAsync(Actor, Address, sender ?? string.Empty, cancellationToken), "sender-add", cancellationToken);

    public Task<IActionResult> OnPostRemoveSenderAsync(string? sender, CancellationToken cancellationToken) =>
        Change(() => groups.RemoveSenderAsync(Actor, Address, sender ?? string.Empty, cancellationToken), "sender-remove", cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            ModelState.AddModelError(string.Empty, Text["Edit.DeleteNotConfirmed"]);
            return await PageAsync(cancellationToken).ConfigureAwait(false);
        }

        return await ChangeAsync(
            () => groups.DeleteAsync(Actor, Address, cancellationToken),
            () => RedirectToPage("/Groups/Index"),
            () => PageAsync(cancellationToken)).ConfigureAwait(false);
    }

    private Task<IActionResult> Change(Func<Task> change, string done, CancellationToken cancellationToken) =>
        ChangeAsync(change, () => RedirectToPage(new { address = Address, done }), () => PageAsync(cancellationToken));

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        Group = await groups.GetAsync(Actor, Address, cancellationToken).ConfigureAwait(false);
        IsPublic = await groups.IsPublicAsync(Actor, Address, cancellationToken).ConfigureAwait(false);
        return Page();
    }
}
