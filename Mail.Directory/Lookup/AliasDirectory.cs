using System.DirectoryServices.Protocols;
using Mail.Directory.Ldap;

namespace Mail.Directory.Lookup;

/// <summary>Extra addresses (aliases) of accounts and groups, kept in <c>mailLocalAddress</c>.</summary>
public sealed class AliasDirectory
{
    private readonly DirectoryContext _context;
    private readonly DomainDirectory _domains;
    private readonly AddressResolver _resolver;
    private readonly AccountDirectory _accounts;

    internal AliasDirectory(DirectoryContext context, DomainDirectory domains, AddressResolver resolver, AccountDirectory accounts)
    {
        _context = context;
        _domains = domains;
        _resolver = resolver;
        _accounts = accounts;
    }

    /// <summary>Gives the account or group at <paramref name="ownerText"/> the extra address <paramref name="aliasText"/>.</summary>
    public async Task AddAsync(string ownerText, string aliasText, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("add an alias");
        var ownerDn = await FindOwnerAsync(ownerText, cancellationToken).ConfigureAwait(false);
        var alias = AccountDirectory.ParseAddress(aliasText);
        await _domains.EnsureHostedAsync(alias.Domain, cancellationToken).ConfigureAwait(false);
        await _accounts.EnsureFreeAsync(alias.ToString(), cancellationToken).ConfigureAwait(false);
        await _context.Gateway.SendAsync<ModifyResponse>(
            new ModifyRequest(ownerDn, DirectoryAttributeOperation.Add, _context.Map.Alias, alias.ToString()), cancellationToken).ConfigureAwait(false);
        _context.InvalidateAll();
    }

    /// <summary>Removes the extra address <paramref name="aliasText"/> from the account or group at <paramref name="ownerText"/>.</summary>
    public async Task RemoveAsync(string ownerText, string aliasText, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("remove an alias");
        var ownerDn = await FindOwnerAsync(ownerText, cancellationToken).ConfigureAwait(false);
        var alias = AccountDirectory.ParseAddress(aliasText);
        try
        {
            await _context.Gateway.SendAsync<ModifyResponse>(
                new ModifyRequest(ownerDn, DirectoryAttributeOperation.Delete, _context.Map.Alias, alias.ToString()), cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode is ResultCode.NoSuchAttribute)
        {
            var owner = ownerText.Trim().ToLowerInvariant();
            throw new DirectoryRequestRejectedException(DirectoryRefusal.NotAnAlias, $"{alias} is not an alias of {owner}", ex, alias.ToString(), owner);
        }

        _context.InvalidateAll();
    }

    private async Task<string> FindOwnerAsync(string ownerText, CancellationToken cancellationToken)
    {
        var owner = AccountDirectory.ParseAddress(ownerText);
        var resolution = await _resolver.ResolveAsync(owner.ToString(), cancellationToken, useCache: false).ConfigureAwait(false);
        if (resolution.Kind is not (AddressKind.Account or AddressKind.Group) || resolution.Dn is null)
        {
            throw resolution.Kind == AddressKind.NotHosted
                ? new DirectoryRequestRejectedException(DirectoryRefusal.UnknownDomain, $"unknown domain {owner.Domain}", owner.Domain)
                : new DirectoryRequestRejectedException(DirectoryRefusal.UnknownAccountOrGroup, $"unknown account or group {owner}", owner.ToString());
        }

        if (resolution.PrimaryAddress != owner.ToString())
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.AliasNotPrimary, $"{owner} is itself an alias of {resolution.PrimaryAddress}; use the primary address",
                owner.ToString(), resolution.PrimaryAddress ?? string.Empty);
        }

        return resolution.Dn;
    }
}
