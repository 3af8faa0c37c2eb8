using Mail.Directory;
using Mail.Directory.Ldap;
using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Operations;
using Mail.WebAdmin.Security;
using Microsoft.Extensions.Logging;

namespace Mail.WebAdmin.Domains;

/// <summary>The hosted domains as the web admin shows them: the appliance admin sees and adds all, a domain admin sees
/// their own; a domain's page shows the records to publish with what DNS answers now.</summary>
internal sealed class DomainAdministration(AdminSite site, MailDirectory directory, IMailEngine engine, ChangeRecorder changes, ILogger<DomainAdministration> log)
{
    /// <summary>The hosted domains the actor manages, the appliance's primary domain first (the forms' default), then
    /// sorted.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(AdminActor actor, CancellationToken cancellationToken) =>
        (await directory.Domains.ListAsync(cancellationToken).ConfigureAwait(false)).Where(actor.Scope.Covers)
            .OrderBy(d => d != site.PrimaryDomain).ThenBy(d => d, StringComparer.Ordinal).ToArray();

    /// <summary>Adds a hosted domain and makes its DKIM keys (appliance admin only).</summary>
    /// <returns>The domain's normalised name.</returns>
    public async Task<string> AddAsync(AdminActor actor, string domain, CancellationToken cancellationToken)
    {
        if (!actor.Scope.IsApplianceAdmin)
        {
            throw new AdminForbiddenException($"{actor.Address} may not add domains");
        }

        var added = await directory.Domains.AddAsync(domain, cancellationToken).ConfigureAwait(false);
        var detail = string.Empty;
        try
        {
            var keys = await engine.EnsureDkimAsync(added, cancellationToken).ConfigureAwait(false);
            detail = string.Join(", ", keys.Select(k => k.Selector));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // The domain receives mail without keys; it sends unsigned until 'dkim generate' or the domain page makes them.
            log.DkimFailed(added, ex.Message);
        }

        await changes.RecordAsync(actor, OperationsAuditActions.DomainAdd, added, added, detail).ConfigureAwait(false);
        return added;
    }

    /// <summary>The records <paramref name="domain"/> must publish, each checked against DNS now.</summary>
    /// <exception cref="AdminForbiddenException">A domain the actor does not manage.</exception>
    /// <exception cref="DirectoryRequestRejectedException">Not a hosted domain.</exception>
    public async Task<DomainRecords> CheckAsync(AdminActor actor, string domain, CancellationToken cancellationToken)
    {
        var name = domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (!actor.Scope.Covers(name))
        {
            throw new AdminForbiddenException($"{actor.Address} may not see domain {name}");
        }

        if (!(await directory.Domains.ListAsync(cancellationToken).ConfigureAwait(false)).Contains(name))
        {
            throw new DirectoryRequestRejectedException($"unknown domain {name}");
        }

        // Keys made here only for a domain that has none (one added by an older version or an external directory):
        // its DKIM records could not be shown otherwise.
        await engine.EnsureDkimAsync(name, cancellationToken).ConfigureAwait(false);
        var checks = await engine.CheckDnsAsync(name, cancellationToken).ConfigureAwait(false);
        return new DomainRecords(name, checks);
    }
}
