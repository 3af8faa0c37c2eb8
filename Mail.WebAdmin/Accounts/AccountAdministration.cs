using System.Globalization;
using Mail.Directory;
using Mail.Directory.Addressing;
using Mail.Directory.Ldap;
using Mail.WebAdmin.Audit;
using Mail.WebAdmin.Security;

namespace Mail.WebAdmin.Accounts;

/// <summary>Every change the web admin makes to accounts, in one place: the scope check (so a URL typed by hand gets no
/// further than a button), the directory call, the account list refresh and the audit entry. The directory instance
/// is the mail engine's own, so its address cache is dropped too and delivery sees the change at once.</summary>
internal sealed class AccountAdministration(MailDirectory directory, AccountCatalog catalog, AuditLog audit, TimeProvider time) : IDisposable
{
    // Role changes one at a time: two admins removing each other's role at once would each see the other still there
    // and leave the appliance with none.
    private readonly SemaphoreSlim _roleChanges = new(1, 1);

    /// <summary>Reads an account the actor may see.</summary>
    /// <exception cref="AdminForbiddenException">Outside the actor's scope.</exception>
    public async Task<Account> GetAsync(AdminActor actor, string address, AccountAction action, CancellationToken cancellationToken)
    {
        var account = await directory.Accounts.GetAsync(address, cancellationToken).ConfigureAwait(false);
        if (!actor.Scope.Allows(action, DomainOf(account.Address), account.Roles))
        {
            throw new AdminForbiddenException($"{actor.Address} may not {action} {account.Address}");
        }

        return account;
    }

    public async Task<Account> CreateAsync(AdminActor actor, string address, string name, string password, long? quotaBytes, CancellationToken cancellationToken)
    {
        var normalized = address.Trim().ToLowerInvariant();
        var domain = DomainOf(normalized);
        if (!actor.Scope.Allows(AccountAction.Create, domain, []))
        {
            throw new AdminForbiddenException($"{actor.Address} may not create accounts in {domain}");
        }

        var account = await directory.Accounts.AddAsync(normalized, name, password, cancellationToken, quotaBytes: quotaBytes).ConfigureAwait(false);
        await DoneAsync(actor, AuditActions.AccountCreate, account.Address, account.Name).ConfigureAwait(false);
        catalog.Put(account);
        return account;
    }

    public Task RenameAsync(AdminActor actor, string address, string name, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, AccountAction.Edit, AuditActions.AccountRename, async account =>
        {
            await directory.Accounts.RenameAsync(account.Address, name, cancellationToken).ConfigureAwait(false);
            return (await directory.Accounts.GetAsync(account.Address, cancellationToken).ConfigureAwait(false)).Name;
        }, cancellationToken);

    public Task SetQuotaAsync(AdminActor actor, string address, long? quotaBytes, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, AccountAction.Edit, AuditActions.AccountQuota, async account =>
        {
            await directory.Accounts.SetQuotaAsync(account.Address, quotaBytes, cancellationToken).ConfigureAwait(false);
            return quotaBytes?.ToString(CultureInfo.InvariantCulture) ?? "default";
        }, cancellationToken);

    public Task AddAliasAsync(AdminActor actor, string address, string alias, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, AccountAction.Edit, AuditActions.AliasAdd, async account =>
        {
            var normalized = alias.Trim().ToLowerInvariant();
            RequireOwnDomain(actor, normalized);
            await directory.Aliases.AddAsync(account.Address, normalized, cancellationToken).ConfigureAwait(false);
            return normalized;
        }, cancellationToken);

    public Task RemoveAliasAsync(AdminActor actor, string address, string alias, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, AccountAction.Edit, AuditActions.AliasRemove, async account =>
        {
            await directory.Aliases.RemoveAsync(account.Address, alias, cancellationToken).ConfigureAwait(false);
            return alias.Trim().ToLowerInvariant();
        }, cancellationToken);

    /// <summary>Whether <paramref name="account"/> (read with <see cref="GetAsync"/>, which checked the actor's right
    /// to see it) is in the public contact list, with the title and unit shown there.</summary>
    public Task<(bool IsPublic, string? Title, string? Unit)> PublicationAsync(Account account, CancellationToken cancellationToken) =>
        directory.PublicContacts.GetPublicationAsync(account.Address, cancellationToken);

    /// <summary>Publishes the account in the public contact list (Circular Art. 4.2, 8.1, 9.1) with its title and unit
    /// (empty removes them), or withdraws it.</summary>
    public Task SetPublicationAsync(AdminActor actor, string address, bool isPublic, string? title, string? unit, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, AccountAction.Edit, AuditActions.AccountPublic, async account =>
        {
            await directory.PublicContacts.SetPublicationAsync(account.Address, isPublic, title ?? string.Empty, unit ?? string.Empty, cancellationToken).ConfigureAwait(false);
            return isPublic ? "public" : "not public";
        }, cancellationToken);

    /// <summary>The hosted domains the actor may name as an account's managed domains (all for the appliance admin,
    /// their own for a domain admin).</summary>
    public async Task<IReadOnlyList<string>> DelegableDomainsAsync(AdminActor actor, CancellationToken cancellationToken)
    {
        var hosted = await directory.Domains.ListAsync(cancellationToken).ConfigureAwait(false);
        return actor.Scope.EditsAccounts ? hosted.Where(actor.Scope.Covers).ToArray() : [];
    }

    /// <summary>Gives an account a role (<see cref="AdminRoles.User"/> takes every role away) and, for a domain admin
    /// or helpdesk, the domains it manages (none: its own domain); domains sent with another role are ignored, as the
    /// form sends its boxes whatever role is chosen. <see cref="RoleGrants"/> says who may give what.</summary>
    /// <exception cref="AdminForbiddenException">A role or domain the actor may not give.</exception>
    /// <exception cref="ChangeRefusedException">The actor's own role, or the last enabled appliance admin's.</exception>
    public async Task SetRoleAsync(AdminActor actor, string address, string role, IReadOnlyCollection<string> managedDomains, CancellationToken cancellationToken)
    {
        await _roleChanges.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await ChangeAsync(actor, address, AccountAction.Edit, AuditActions.AccountRole, async account =>
            {
                var wanted = role.Trim().ToLowerInvariant();
                var domains = managedDomains.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0)
                    .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
                if (!RoleGrants.Grantable(actor.Scope, DomainOf(account.Address), account.Roles).Contains(wanted)
                    || !domains.All(actor.Scope.Covers))
                {
                    throw new AdminForbiddenException($"{actor.Address} may not make {account.Address} {wanted} of {string.Join(", ", domains)}");
                }

                if (!RoleGrants.TakesDomains(wanted))
                {
                    domains = [];
                }

                if (account.Roles.Contains(AdminRoles.Admin) && wanted != AdminRoles.Admin)
                {
                    await RequireAnotherAdminAsync(account, cancellationToken).ConfigureAwait(false);
                }

                if (account.Address == actor.Address)
                {
                    throw new ChangeRefusedException(RoleGrants.OwnRole);
                }

                await directory.Accounts.SetRoleAsync(account.Address, wanted, domains, cancellationToken).ConfigureAwait(false);
                return $"{RoleText(RoleGrants.Current(account.Roles), account.ManagedDomains)} → {RoleText(wanted, domains)}";
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _roleChanges.Release();
        }
    }

    public Task ResetPasswordAsync(AdminActor actor, string address, string password, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, AccountAction.ResetPassword, AuditActions.PasswordReset, async account =>
        {
            await directory.Accounts.SetPasswordAsync(account.Address, password, cancellationToken).ConfigureAwait(false);
            return string.Empty;
        }, cancellationToken);

    public Task SetDisabledAsync(AdminActor actor, string address, bool disabled, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, AccountAction.Disable, disabled ? AuditActions.AccountDisable : AuditActions.AccountEnable, async account =>
        {
            NotSelf(actor, account);
            await directory.Accounts.SetDisabledAsync(account.Address, disabled, cancellationToken).ConfigureAwait(false);
            return string.Empty;
        }, cancellationToken);

    public Task DeleteAsync(AdminActor actor, string address, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, AccountAction.Delete, AuditActions.AccountDelete, async account =>
        {
            NotSelf(actor, account);
            await directory.Accounts.DeleteAsync(account.Address, cancellationToken).ConfigureAwait(false);
            return account.Name;
        }, cancellationToken);

    /// <summary>Any staff member's own password; false when <paramref name="current"/> is wrong.</summary>
    public async Task<bool> ChangeOwnPasswordAsync(AdminActor actor, string current, string password, CancellationToken cancellationToken)
    {
        var check = await directory.Authenticator.AuthenticateAsync(actor.Address, current, cancellationToken).ConfigureAwait(false);
        if (!check.Succeeded)
        {
            return false;
        }

        await directory.Accounts.SetPasswordAsync(actor.Address, password, cancellationToken).ConfigureAwait(false);
        await DoneAsync(actor, AuditActions.PasswordChange, actor.Address, string.Empty).ConfigureAwait(false);
        return true;
    }

    /// <summary>Records a sign-in or a failed one (the login as typed, cut short; never the password).</summary>
    public Task RecordSignInAsync(string login, string remote, bool succeeded, CancellationToken cancellationToken)
    {
        var shown = login.Length > 100 ? login[..100] : login;
        return audit.RecordAsync(new AuditEntry(time.GetUtcNow(), shown, remote, succeeded ? AuditActions.SignIn : AuditActions.SignInFailed,
            shown, DomainOf(shown), string.Empty), cancellationToken);
    }

    internal static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..];

    /// <summary>Refuses an address (a new alias) outside the actor's domains; a malformed one is left for the
    /// directory to refuse with its reason.</summary>
    /// <exception cref="AdminForbiddenException">A well-formed address of a domain the actor does not manage.</exception>
    internal static void RequireOwnDomain(AdminActor actor, string address)
    {
        if (MailAddress.TryParse(address, out var parsed, out _) && !actor.Scope.Covers(parsed.Domain))
        {
            throw new AdminForbiddenException($"{actor.Address} may not use addresses of {parsed.Domain}");
        }
    }

    public void Dispose() => _roleChanges.Dispose();

    private static string RoleText(string role, IReadOnlyCollection<string> domains) =>
        domains.Count == 0 ? role : $"{role} ({string.Join(", ", domains)})";

    // Asked of the directory, not the account list: the list may be older than a CLI change.
    private async Task RequireAnotherAdminAsync(Account account, CancellationToken cancellationToken)
    {
        var admins = await directory.Accounts.WithRoleAsync(AdminRoles.Admin, cancellationToken).ConfigureAwait(false);
        if (!admins.Any(a => a.Address != account.Address && !a.Disabled))
        {
            throw new ChangeRefusedException(RoleGrants.LastAdmin, account.Address);
        }
    }

    private static void NotSelf(AdminActor actor, Account account)
    {
        // Disabling or deleting oneself locks the appliance's last admin out with one click.
        if (account.Address == actor.Address)
        {
            throw new AdminForbiddenException($"{actor.Address} may not disable or delete their own account");
        }
    }

    private async Task ChangeAsync(AdminActor actor, string address, AccountAction action, string auditAction, Func<Account, Task<string>> change, CancellationToken cancellationToken)
    {
        var account = await GetAsync(actor, address, action, cancellationToken).ConfigureAwait(false);
        string detail;
        try
        {
            detail = await change(account).ConfigureAwait(false);
        }
        catch
        {
            // Refused or half-known: let the list be read again rather than guess.
            catalog.Invalidate();
            throw;
        }

        await DoneAsync(actor, auditAction, account.Address, detail).ConfigureAwait(false);
        await RefreshListAsync(account.Address, removed: action == AccountAction.Delete, cancellationToken).ConfigureAwait(false);
    }

    // The account list is patched with the changed account instead of being read again: at 10,000 accounts a reload
    // would cost every change half a second.
    private async Task RefreshListAsync(string address, bool removed, CancellationToken cancellationToken)
    {
        if (removed)
        {
            catalog.Remove(address);
            return;
        }

        try
        {
            catalog.Put(await directory.Accounts.GetAsync(address, cancellationToken).ConfigureAwait(false));
        }
        catch (Exception ex) when (ex is DirectoryUnavailableException or DirectoryRequestRejectedException or OperationCanceledException)
        {
            catalog.Invalidate();
        }
    }

    // Not cancellable: the change is made, so its audit entry is written even when the browser has gone away meanwhile.
    private async Task DoneAsync(AdminActor actor, string action, string target, string detail)
    {
        await audit.RecordAsync(new AuditEntry(time.GetUtcNow(), actor.Address, actor.Remote, action, target, DomainOf(target), detail), CancellationToken.None)
            .ConfigureAwait(false);
    }
}
