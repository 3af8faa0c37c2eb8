using System.DirectoryServices.Protocols;
using System.Text;
using Mail.Directory.Addressing;
using Mail.Directory.Ldap;

namespace Mail.Directory.Lookup;

/// <summary>The public contact list (Circular Art. 4.2, 8.1, 9.1): which accounts and groups are published, and the
/// title and unit shown beside a person's name.</summary>
public sealed class PublicContactDirectory
{
    private readonly DirectoryContext _context;
    private readonly DomainDirectory _domains;
    private readonly AddressResolver _resolver;

    internal PublicContactDirectory(DirectoryContext context, DomainDirectory domains, AddressResolver resolver)
    {
        _context = context;
        _domains = domains;
        _resolver = resolver;
    }

    /// <summary>The published accounts and groups of a hosted domain: groups first, then people, each sorted by
    /// address. A disabled account is never listed, even when flagged public.</summary>
    public async Task<IReadOnlyList<PublicContact>> ListAsync(string domainText, CancellationToken cancellationToken)
    {
        var domain = DomainDirectory.NormalizeOrReject(domainText);
        // The cached list: this answers anonymous visitors, and a domain added a moment ago may wait for the cache.
        await _domains.EnsureHostedAsync(domain, cancellationToken, useCache: true).ConfigureAwait(false);
        var map = _context.Map;
        if (string.IsNullOrEmpty(map.Public))
        {
            // An external directory without a "public" attribute publishes nothing: the list is opt-in, never opt-out.
            return [];
        }

        var notDisabled = string.IsNullOrEmpty(map.Disabled) ? string.Empty : $"(!({map.Disabled}=TRUE))";
        var filter = $"(&(|(objectClass={map.PersonClass})(objectClass={map.GroupClass}))({map.Public}=TRUE){notDisabled}({map.Mail}=*))";
        var searchBase = _context.Options.Mode == DirectoryMode.Embedded ? _context.Layout.DomainDn(domain) : _context.SearchBase;
        var entries = await _context.Gateway.SearchAsync(
            searchBase, filter, SearchScope.Subtree,
            ["objectClass", map.Mail, map.Name, "displayName", map.Title, map.Unit, map.Public, map.Disabled], cancellationToken)
            .ConfigureAwait(false);

        var contacts = new List<PublicContact>();
        foreach (var entry in entries)
        {
            // The filter already says all this; checked again here because this list is shown to the whole world and
            // an external directory may answer a filter loosely.
            var address = (entry.First(map.Mail) ?? string.Empty).ToLowerInvariant();
            if (!entry.Flag(map.Public) || entry.Flag(map.Disabled) || !address.EndsWith("@" + domain, StringComparison.Ordinal))
            {
                continue;
            }

            var isGroup = entry.HasClass(map.GroupClass);
            var name = entry.First("displayName") ?? entry.First(map.Name) ?? address;
            contacts.Add(new PublicContact(
                isGroup ? PublicContactKind.Group : PublicContactKind.Person,
                address,
                Nfc(name) ?? address,
                isGroup ? null : Nfc(entry.First(map.Title)),
                Nfc(entry.First(map.Unit))));
        }

        return contacts
            .OrderBy(c => c.Kind == PublicContactKind.Group ? 0 : 1)
            .ThenBy(c => c.Address, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Whether an account or a group (by primary address or alias) is flagged public; an external directory
    /// without a "public" attribute publishes nothing.</summary>
    public async Task<bool> IsPublicAsync(string addressText, CancellationToken cancellationToken)
    {
        var map = _context.Map;
        if (string.IsNullOrEmpty(map.Public))
        {
            return false;
        }

        var address = AccountDirectory.ParseAddress(addressText);
        var resolution = await _resolver.ResolveAsync(address.ToString(), cancellationToken, useCache: false).ConfigureAwait(false);
        if (resolution is not { Kind: AddressKind.Account or AddressKind.Group, Dn: { } dn })
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownAccountOrGroup, $"unknown account or group {address}", address.ToString());
        }

        var entry = await _context.Gateway.ReadAsync(dn, [map.Public], cancellationToken).ConfigureAwait(false);
        return entry is not null && entry.Flag(map.Public);
    }

    /// <summary>Publishes or withdraws an account or a group (by primary address or alias).</summary>
    public async Task SetPublicAsync(string addressText, bool isPublic, CancellationToken cancellationToken)
    {
        _context.EnsureWritable(isPublic ? "publish an address" : "withdraw an address");
        var address = AccountDirectory.ParseAddress(addressText);
        var resolution = await _resolver.ResolveAsync(address.ToString(), cancellationToken, useCache: false).ConfigureAwait(false);
        var dn = resolution switch
        {
            { Kind: AddressKind.Account or AddressKind.Group, Dn: { } found } => found,
            { Kind: AddressKind.NotHosted } => throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownDomain, $"unknown domain {address.Domain}", address.Domain),
            _ => throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownAccountOrGroup, $"unknown account or group {address}", address.ToString()),
        };
        var request = new ModifyRequest(dn);
        request.Modifications.Add(PublicFlag(isPublic));
        await _context.Gateway.SendAsync<ModifyResponse>(request, cancellationToken).ConfigureAwait(false);
        _context.InvalidateAll();
    }

    /// <summary>An account's title and unit (null when not set).</summary>
    public async Task<(string? Title, string? Unit)> GetDetailsAsync(string addressText, CancellationToken cancellationToken)
    {
        var (_, title, unit) = await GetPublicationAsync(addressText, cancellationToken).ConfigureAwait(false);
        return (title, unit);
    }

    /// <summary>Whether an account is published, with its title and unit: one read of the entry.</summary>
    public async Task<(bool IsPublic, string? Title, string? Unit)> GetPublicationAsync(string addressText, CancellationToken cancellationToken)
    {
        var map = _context.Map;
        var dn = (await _resolver.RequireAsync(addressText, AddressKind.Account, cancellationToken).ConfigureAwait(false)).Dn!;
        string[] attributes = string.IsNullOrEmpty(map.Public) ? [map.Title, map.Unit] : [map.Public, map.Title, map.Unit];
        var entry = await _context.Gateway.ReadAsync(dn, attributes, cancellationToken).ConfigureAwait(false)
            ?? throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownAccount, $"unknown account {addressText}", addressText);
        return (!string.IsNullOrEmpty(map.Public) && entry.Flag(map.Public), Nfc(entry.First(map.Title)), Nfc(entry.First(map.Unit)));
    }

    /// <summary>Sets an account's public flag, title and unit in one change of its entry; null leaves a value as it is,
    /// an empty title or unit removes it.</summary>
    public async Task SetPublicationAsync(string addressText, bool? isPublic, string? title, string? unit, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("change an account");
        var dn = (await _resolver.RequireAsync(addressText, AddressKind.Account, cancellationToken).ConfigureAwait(false)).Dn!;
        var request = new ModifyRequest(dn);
        foreach (var (attribute, label, value) in new[] { (_context.Map.Title, "title", title), (_context.Map.Unit, "unit", unit) })
        {
            if (value is null)
            {
                continue;
            }

            request.Modifications.Add(string.IsNullOrWhiteSpace(value)
                ? new DirectoryAttributeModification { Name = attribute, Operation = DirectoryAttributeOperation.Replace }
                : Replace(attribute, ParseText(value, label)));
        }

        if (isPublic is { } flag)
        {
            request.Modifications.Add(PublicFlag(flag));
        }

        if (request.Modifications.Count > 0)
        {
            await _context.Gateway.SendAsync<ModifyResponse>(request, cancellationToken).ConfigureAwait(false);
            _context.InvalidateAll();
        }
    }

    // The flag set to TRUE, or the attribute removed (a replace without values).
    private DirectoryAttributeModification PublicFlag(bool isPublic) => isPublic
        ? Replace(_context.Map.Public, "TRUE")
        : new DirectoryAttributeModification { Name = _context.Map.Public, Operation = DirectoryAttributeOperation.Replace };

    private static DirectoryAttributeModification Replace(string attribute, string value)
    {
        var modification = new DirectoryAttributeModification { Name = attribute, Operation = DirectoryAttributeOperation.Replace };
        modification.Add(value);
        return modification;
    }

    // A title or unit obeys the same rules as a name (NFC, single-spaced, no control characters, bounded length).
    private static string ParseText(string value, string what)
    {
        try
        {
            return PersonName.Parse(value).Full;
        }
        catch (FormatException ex)
        {
            throw new DirectoryRequestRejectedException(what == "title" ? DirectoryRefusal.TitleInvalid : DirectoryRefusal.UnitInvalid,
                $"{what}: {ex.Message.Replace("the name", "the text", StringComparison.Ordinal)}", ex);
        }
    }

    // Names written by the appliance are NFC already; an external directory's may not be.
    private static string? Nfc(string? text) =>
        string.IsNullOrWhiteSpace(text) ? null : text.Trim().Normalize(NormalizationForm.FormC);
}
