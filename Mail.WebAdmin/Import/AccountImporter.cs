using Mail.Directory;
using Mail.Directory.Addressing;
using Mail.Directory.Ldap;
using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Operations;
using Mail.WebAdmin.Security;
using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin.Import;

/// <summary>Plans a CSV import against the directory as it is now, and commits a plan: every account or none.</summary>
internal sealed class AccountImporter(MailDirectory directory, AccountCatalog catalog, ChangeRecorder changes, ILogger<AccountImporter> log)
{
    /// <summary>The largest file accepted (about 20,000 rows of names).</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>The most rows one import may hold: every account is an LDAP add and a password hash.</summary>
    public const int MaxRows = 5000;

    /// <summary>What importing <paramref name="csv"/> would do; nothing is written.</summary>
    /// <exception cref="AdminForbiddenException">The actor may not create accounts, or not in <paramref name="defaultDomain"/>.</exception>
    public async Task<ImportPlan> PlanAsync(AdminActor actor, string csv, string defaultDomain, CancellationToken cancellationToken)
    {
        var scope = actor.Scope;
        if (!scope.EditsAccounts || !scope.Covers(defaultDomain))
        {
            throw new AdminForbiddenException($"{actor.Address} may not import accounts into {defaultDomain}");
        }

        var hosted = (await directory.Domains.ListAsync(cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var account in await directory.Accounts.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            taken.Add(account.Address);
            taken.UnionWith(account.Aliases);
        }

        foreach (var group in await directory.Groups.ListAsync(null, cancellationToken).ConfigureAwait(false))
        {
            taken.Add(group.Address);
            taken.UnionWith(group.Aliases);
        }

        return ImportPlanner.Plan(CsvTable.Parse(csv), defaultDomain, d => hosted.Contains(d) && scope.Covers(d), taken);
    }

    /// <summary>Creates every account of <paramref name="plan"/> (which must have no errors), each with a new initial
    /// password. When the directory refuses one or fails, the accounts already created are deleted again, so an import
    /// never leaves half its rows behind.</summary>
    public async Task<ImportResult> CommitAsync(AdminActor actor, ImportPlan plan, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        if (plan.HasErrors)
        {
            throw new InvalidOperationException("a plan with errors cannot be committed");
        }

        foreach (var domain in plan.Rows.Select(r => r.Domain).Distinct(StringComparer.Ordinal))
        {
            if (!actor.Scope.Allows(AccountAction.Create, domain, []))
            {
                throw new AdminForbiddenException($"{actor.Address} may not create accounts in {domain}");
            }
        }

        var created = new List<ImportedAccount>();
        try
        {
            foreach (var row in plan.Rows)
            {
                var password = InitialPassword.New(MailAddress.Parse(row.Address));
                try
                {
                    // Not the request's token: a browser that goes away must not stop an import between two accounts.
                    var account = await directory.Accounts.AddAsync(row.Address, row.Name, password, CancellationToken.None).ConfigureAwait(false);
                    created.Add(new ImportedAccount(account.Address, account.Name, password));
                }
                catch (Exception ex) when (ex is DirectoryRequestRejectedException or DirectoryUnavailableException)
                {
                    log.ImportUndone(actor.Address, row.Line, row.Address, created.Count, ex.Message);
                    await UndoAsync(created).ConfigureAwait(false);
                    return new ImportResult([], row, ex.Message);
                }
            }
        }
        finally
        {
            catalog.Invalidate();
        }

        foreach (var account in created)
        {
            await changes.RecordAsync(actor, OperationsAuditActions.AccountImport, account.Address, AccountAdministration.DomainOf(account.Address), account.Name)
                .ConfigureAwait(false);
        }

        log.Imported(actor.Address, created.Count);
        return new ImportResult(created, null, string.Empty);
    }

    private async Task UndoAsync(IReadOnlyList<ImportedAccount> created)
    {
        foreach (var account in created)
        {
            try
            {
                await directory.Accounts.DeleteAsync(account.Address, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is DirectoryRequestRejectedException or DirectoryUnavailableException)
            {
                // The directory that failed the import may fail the undo too: say which account is left.
                log.UndoFailed(account.Address, ex.Message);
            }
        }
    }
}
