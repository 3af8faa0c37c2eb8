using System.DirectoryServices.Protocols;
using Mail.Directory.Addressing;
using Mail.Directory.Ldap;

namespace Mail.Directory.Lookup;

/// <summary>Answers "what is this address?" for the mail path: an account, a group, unknown, or not hosted here.</summary>
public sealed class AddressResolver
{
    private readonly DirectoryContext _context;
    private readonly DomainDirectory _domains;
    private readonly EntryMapper _mapper;

    internal AddressResolver(DirectoryContext context, DomainDirectory domains, EntryMapper mapper)
    {
        _context = context;
        _domains = domains;
        _mapper = mapper;
    }

    /// <summary>Resolves an address (cached for the configured TTL).</summary>
    /// <exception cref="DirectoryUnavailableException">The directory did not answer in time.</exception>
    public async Task<AddressResolution> ResolveAsync(string address, CancellationToken cancellationToken, bool useCache = true)
    {
        if (!MailAddress.TryParse(address, out var parsed, out _))
        {
            return new AddressResolution(AddressKind.Unknown, address, null, null);
        }

        var key = parsed.ToString();
        if (useCache && _context.Resolutions.TryGet(key, out var cached))
        {
            return cached;
        }

        var generation = _context.Resolutions.Generation;
        AddressResolution result;
        if (!await _domains.IsHostedAsync(parsed.Domain, cancellationToken).ConfigureAwait(false))
        {
            result = new AddressResolution(AddressKind.NotHosted, key, null, null);
        }
        else
        {
            var entries = await _context.Gateway.SearchAsync(
                _context.SearchBase, Filter(key), SearchScope.Subtree, _mapper.ResolveAttributes, cancellationToken, maxEntries: 2)
                .ConfigureAwait(false);
            result = entries.Count == 0 ? new AddressResolution(AddressKind.Unknown, key, null, null) : Classify(key, entries[0]);
        }

        _context.Resolutions.Set(key, result, generation);
        return result;
    }

    /// <summary>Resolves an address that must be an existing <paramref name="kind"/>, for management
    /// commands; otherwise rejects it with the sentence the person who asked should see.</summary>
    internal async Task<AddressResolution> RequireAsync(string addressText, AddressKind kind, CancellationToken cancellationToken, bool useCache = false)
    {
        var address = MailAddress.TryParse(addressText, out var parsed, out var error) ? parsed : throw AccountDirectory.InvalidAddress(addressText, error);
        var resolution = await ResolveAsync(address.ToString(), cancellationToken, useCache).ConfigureAwait(false);
        var noun = kind == AddressKind.Group ? "group" : "account";
        return resolution switch
        {
            { Dn: not null } when resolution.Kind == kind => resolution,
            { Kind: AddressKind.NotHosted } => throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownDomain, $"unknown domain {address.Domain}", address.Domain),
            { Kind: AddressKind.Group or AddressKind.Account } => throw new DirectoryRequestRejectedException(
                $"{address} is {(resolution.Kind == AddressKind.Group ? "a group" : "an account")}, not {(kind == AddressKind.Group ? "a group" : "an account")}"),
            _ => throw new DirectoryRequestRejectedException(
                kind == AddressKind.Group ? DirectoryRefusal.UnknownGroup : DirectoryRefusal.UnknownAccount, $"unknown {noun} {address}", address.ToString()),
        };
    }

    /// <summary>The filter that finds whatever holds <paramref name="address"/> as primary address or alias.</summary>
    internal string Filter(string address)
    {
        var map = _context.Map;
        var value = LdapEscape.FilterValue(address);
        return $"(&(|(objectClass={map.PersonClass})(objectClass={map.GroupClass}))(|({map.Mail}={value})({map.Alias}={value})))";
    }

    private AddressResolution Classify(string address, SearchResultEntry entry)
    {
        var primary = entry.First(_context.Map.Mail)?.ToLowerInvariant() ?? address;
        var kind = entry.HasClass(_context.Map.GroupClass) ? AddressKind.Group : AddressKind.Account;
        return new AddressResolution(kind, address, primary, entry.DistinguishedName, entry.Flag(_context.Map.Disabled));
    }
}
