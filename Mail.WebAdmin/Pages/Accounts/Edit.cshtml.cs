using Mail.Directory;
using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Localization;
using Mail.WebAdmin.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace Mail.WebAdmin.Pages.Accounts;

/// <summary>One account: name, quota, aliases, role and managed domains, password reset, disable/enable, delete, each
/// offered only when the user's scope allows it (and checked again by <see cref="AccountAdministration"/> whatever the
/// form says).</summary>
[Authorize(Policy = AdminPolicies.ManageAccounts)]
internal sealed class EditModel(AccountAdministration administration, IStringLocalizer<SharedResource> text) : AdminPageModel(text)
{
    private static readonly HashSet<string> DoneCodes = ["create", "rename", "quota", "public", "alias-add", "alias-remove", "role", "password", "disable", "enable"];

    [BindProperty(SupportsGet = true)]
    public string Address { get; set; } = string.Empty;

    public Account? Account { get; private set; }

    public string? Done { get; private set; }

    public bool CanEdit { get; private set; }

    /// <summary>Whether the account is in the public contact list, and the title and unit shown there.</summary>
    public (bool IsPublic, string? Title, string? Unit) Publication { get; private set; }

    /// <summary>The roles the user may give this account (empty: no role form).</summary>
    public IReadOnlyList<string> GrantableRoles { get; private set; } = [];

    /// <summary>The domains the user may tick as the account's managed domains.</summary>
    public IReadOnlyList<string> DelegableDomains { get; private set; } = [];

    /// <summary>The account's role as the form shows it.</summary>
    public string Role { get; private set; } = AdminRoles.User;

    public bool CanResetPassword { get; private set; }

    public bool CanDisable { get; private set; }

    public bool CanDelete { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? done, CancellationToken cancellationToken)
    {
        Done = done is not null && DoneCodes.Contains(done) ? done : null;
        return await PageAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostRenameAsync(string? name, CancellationToken cancellationToken) =>
        Change(() => administration.RenameAsync(Actor, Address, name ?? string.Empty, cancellationToken), "rename", cancellationToken);

    public async Task<IActionResult> OnPostQuotaAsync(string? quota, CancellationToken cancellationToken)
    {
        if (!QuotaText.TryParse(quota, out var bytes))
        {
            ModelState.AddModelError(string.Empty, Text["Account.QuotaInvalid"]);
            return await PageAsync(cancellationToken).ConfigureAwait(false);
        }

        return await Change(() => administration.SetQuotaAsync(Actor, Address, bytes, cancellationToken), "quota", cancellationToken).ConfigureAwait(false);
    }

    public Task<IActionResult> OnPostPublicAsync(bool isPublic, string? title, string? unit, CancellationToken cancellationToken) =>
        Change(() => administration.SetPublicationAsync(Actor, Address, isPublic, title, unit, cancellationToken), "public", cancellationToken);

    public Task<IActionResult> OnPostAddAliasAsync(string? alias, CancellationToken cancellationToken) =>
        Change(() => administration.AddAliasAsync(Actor, Address, alias ?? string.Empty, cancellationToken), "alias-add", cancellationToken);

    public Task<IActionResult> OnPostRemoveAliasAsync(string? alias, CancellationToken cancellationToken) =>
        Change(() => administration.RemoveAliasAsync(Actor, Address, alias ?? string.Empty, cancellationToken), "alias-remove", cancellationToken);

    public Task<IActionResult> OnPostRoleAsync(string? role, string[]? manages, CancellationToken cancellationToken) =>
        Change(() => administration.SetRoleAsync(Actor, Address, role ?? string.Empty, manages ?? [], cancellationToken), "role", cancellationToken);

    public Task<IActionResult> OnPostPasswordAsync(string? password, CancellationToken cancellationToken) =>
        Change(() => administration.ResetPasswordAsync(Actor, Address, password ?? string.Empty, cancellationToken), "password", cancellationToken);

    public Task<IActionResult> OnPostDisableAsync(bool disabled, CancellationToken cancellationToken) =>
        Change(() => administration.SetDisabledAsync(Actor, Address, disabled, cancellationToken), disabled ? "disable" : "enable", cancellationToken);

    public async Task<IActionResult> OnPostDeleteAsync(bool confirm, CancellationToken cancellationToken)
    {
        if (!confirm)
        {
            ModelState.AddModelError(string.Empty, Text["Edit.DeleteNotConfirmed"]);
            return await PageAsync(cancellationToken).ConfigureAwait(false);
        }

        return await ChangeAsync(
            () => administration.DeleteAsync(Actor, Address, cancellationToken),
            () => RedirectToPage("/Accounts/Index"),
            () => PageAsync(cancellationToken)).ConfigureAwait(false);
    }

    private Task<IActionResult> Change(Func<Task> change, string done, CancellationToken cancellationToken) =>
        ChangeAsync(change, () => RedirectToPage(new { address = Address, done }), () => PageAsync(cancellationToken));

    private async Task<IActionResult> PageAsync(CancellationToken cancellationToken)
    {
        var account = await administration.GetAsync(Actor, Address, AccountAction.View, cancellationToken).ConfigureAwait(false);
        var scope = Actor.Scope;
        var domain = AccountAdministration.DomainOf(account.Address);
        var self = account.Address == scope.User;
        Account = account;
        CanEdit = scope.Allows(AccountAction.Edit, domain, account.Roles);
        CanResetPassword = scope.Allows(AccountAction.ResetPassword, domain, account.Roles);
        CanDisable = !self && scope.Allows(AccountAction.Disable, domain, account.Roles);
        CanDelete = !self && scope.Allows(AccountAction.Delete, domain, account.Roles);
        Role = RoleGrants.Current(account.Roles);
        GrantableRoles = self ? [] : RoleGrants.Grantable(scope, domain, account.Roles);
        if (GrantableRoles.Count > 0)
        {
            DelegableDomains = await administration.DelegableDomainsAsync(Actor, cancellationToken).ConfigureAwait(false);
        }

        if (CanEdit)
        {
            Publication = await administration.PublicationAsync(account, cancellationToken).ConfigureAwait(false);
        }

        return Page();
    }
}
