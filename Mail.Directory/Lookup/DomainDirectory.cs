using System.DirectoryServices.Protocols;
using Mail.Directory.Addressing;
using Mail.Directory.Ldap;

namespace Mail.Directory.Lookup;

/// <summary>The hosted mail domains: list, add, remove, and the cached "is this domain ours?".</summary>
public sealed class DomainDirectory
{
    private const string CacheKey = "domains";
    private readonly DirectoryContext _context;

    internal DomainDirectory(DirectoryContext context) => _context = context;

    /// <summary>All hosted domains, sorted.</summary>
    public async Task<IReadOnlyList<string>> ListAsync(CancellationToken cancellationToken) =>
        (await LoadAsync(useCache: false, cancellationToken).ConfigureAwait(false)).Order(StringComparer.Ordinal).ToArray();

    /// <summary>True when mail for <paramref name="domain"/> is delivered here (cached).</summary>
    public async Task<bool> IsHostedAsync(string domain, CancellationToken cancellationToken) =>
        (await LoadAsync(useCache: true, cancellationToken).ConfigureAwait(false)).Contains(domain.ToLowerInvariant());

    /// <summary>Adds a hosted domain with its people and groups containers.</summary>
    public async Task<string> AddAsync(string domainText, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("add a domain");
        var domain = NormalizeOrReject(domainText);
        var layout = _context.Layout;
        try
        {
            await _context.Gateway.SendAsync<AddResponse>(
                new AddRequest(
                    layout.DomainDn(domain),
                    new DirectoryAttribute("objectClass", "organizationalUnit", "domainRelatedObject"),
                    new DirectoryAttribute("ou", domain),
                    new DirectoryAttribute("associatedDomain", domain)),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.EntryAlreadyExists)
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.DomainExists, $"domain {domain} already exists", ex, domain);
        }

        try
        {
            foreach (var container in new[] { layout.PeopleDn(domain), layout.GroupsDn(domain) })
            {
                var ou = container[3..container.IndexOf(',', StringComparison.Ordinal)];
                await _context.Gateway.SendAsync<AddResponse>(
                    new AddRequest(container, new DirectoryAttribute("objectClass", "organizationalUnit"), new DirectoryAttribute("ou", ou)),
                    cancellationToken).ConfigureAwait(false);
            }
        }
        catch
        {
            await DeleteTreeQuietlyAsync(domain).ConfigureAwait(false);
            throw;
        }

        _context.InvalidateAll();
        return domain;
    }

    /// <summary>Removes an empty hosted domain; refuses while it still holds accounts or groups.</summary>
    public async Task RemoveAsync(string domainText, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("remove a domain");
        var domain = NormalizeOrReject(domainText);
        if (!(await LoadAsync(useCache: false, cancellationToken).ConfigureAwait(false)).Contains(domain))
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownDomain, $"unknown domain {domain}", domain);
        }

        var entries = await _context.Gateway.SearchAsync(
            _context.Layout.DomainDn(domain), "(|(objectClass=inetOrgPerson)(objectClass=groupOfNames))", SearchScope.Subtree, ["1.1"], cancellationToken, 1)
            .ConfigureAwait(false);
        if (entries.Count > 0)
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.DomainNotEmpty, $"domain {domain} still has accounts or groups; delete them first", domain);
        }

        var layout = _context.Layout;
        foreach (var dn in new[] { layout.PeopleDn(domain), layout.GroupsDn(domain), layout.DomainDn(domain) })
        {
            try
            {
                await _context.Gateway.SendAsync<DeleteResponse>(new DeleteRequest(dn), cancellationToken).ConfigureAwait(false);
            }
            catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.NoSuchObject)
            {
                // Already gone: the goal state is reached.
            }
        }

        _context.InvalidateAll();
    }

    internal static string NormalizeOrReject(string text) =>
        MailAddress.TryNormalizeDomain(text, out var domain, out var error)
            ? domain
            : throw new DirectoryRequestRejectedException(DirectoryRefusal.InvalidDomain, error, text.Trim());

    /// <summary>Rejects a domain that is not hosted here, with the sentence a CLI user should see.</summary>
    internal async Task EnsureHostedAsync(string domain, CancellationToken cancellationToken, bool useCache = false)
    {
        if (!(await LoadAsync(useCache, cancellationToken).ConfigureAwait(false)).Contains(domain))
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownDomain, $"unknown domain {domain} (add it first with 'domain add {domain}')", domain);
        }
    }

    private async Task<IReadOnlySet<string>> LoadAsync(bool useCache, CancellationToken cancellationToken)
    {
        if (useCache && _context.Domains.TryGet(CacheKey, out var cached))
        {
            return cached;
        }

        var generation = _context.Domains.Generation;
        HashSet<string> domains;
        if (_context.Options.Mode == DirectoryMode.External)
        {
            domains = _context.Options.Domains.Select(d => d.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        }
        else
        {
            var entries = await _context.Gateway.SearchAsync(
                _context.Layout.DomainsDn, "(objectClass=domainRelatedObject)", SearchScope.OneLevel, ["associatedDomain"], cancellationToken)
                .ConfigureAwait(false);
            domains = entries.SelectMany(e => e.All("associatedDomain")).Select(d => d.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
        }

        _context.Domains.Set(CacheKey, domains, generation);
        return domains;
    }

    private async Task DeleteTreeQuietlyAsync(string domain)
    {
        var layout = _context.Layout;
        foreach (var dn in new[] { layout.PeopleDn(domain), layout.GroupsDn(domain), layout.DomainDn(domain) })
        {
            try
            {
                await _context.Gateway.SendAsync<DeleteResponse>(new DeleteRequest(dn), CancellationToken.None).ConfigureAwait(false);
            }
            catch (DirectoryOperationException)
            {
                // Best effort clean-up of a half-made domain; the original error is what the caller sees.
            }
            catch (DirectoryUnavailableException)
            {
                return;
            }
        }
    }
}
