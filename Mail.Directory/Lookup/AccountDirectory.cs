using System.DirectoryServices.Protocols;
using System.Globalization;
using Mail.Directory.Addressing;
using Mail.Directory.Ldap;

namespace Mail.Directory.Lookup;

/// <summary>Mail accounts: create, read, list, change password, disable, enable, delete.</summary>
public sealed class AccountDirectory
{
    private readonly DirectoryContext _context;
    private readonly DomainDirectory _domains;
    private readonly AddressResolver _resolver;
    private readonly EntryMapper _mapper;

    internal AccountDirectory(DirectoryContext context, DomainDirectory domains, AddressResolver resolver, EntryMapper mapper)
    {
        _context = context;
        _domains = domains;
        _resolver = resolver;
        _mapper = mapper;
    }

    /// <summary>Creates an account and sets its password; on any failure nothing is left behind.</summary>
    public async Task<Account> AddAsync(string addressText, string name, string password, CancellationToken cancellationToken, string? role = null, long? quotaBytes = null)
    {
        _context.EnsureWritable("add an account");
        var address = ParseAddress(addressText);
        var person = ParseName(name);
        if (PasswordPolicy.Refusal(password, address) is { } weak)
        {
            throw weak;
        }

        var roleName = ParseRole(role);
        await _domains.EnsureHostedAsync(address.Domain, cancellationToken).ConfigureAwait(false);
        await EnsureFreeAsync(address.ToString(), cancellationToken).ConfigureAwait(false);

        var dn = _context.Layout.AccountDn(address);
        var attributes = new List<DirectoryAttribute>
        {
            new("objectClass", "inetOrgPerson", "inetLocalMailRecipient", "maAccount"),
            new("uid", address.ToString()),
            new("mail", address.ToString()),
            new("cn", person.Full),
            new("displayName", person.Full),
            new("sn", person.Family),
            new("givenName", person.Given),
        };
        if (roleName is not null)
        {
            attributes.Add(new DirectoryAttribute("maRole", roleName));
        }

        if (quotaBytes is { } quota)
        {
            attributes.Add(new DirectoryAttribute("maQuota", quota.ToString(CultureInfo.InvariantCulture)));
        }

        try
        {
            await _context.Gateway.SendAsync<AddResponse>(new AddRequest(dn, attributes.ToArray()), cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.EntryAlreadyExists)
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.AddressTaken, $"{address} already exists", ex, address.ToString());
        }

        try
        {
            await _context.Gateway.SendAsync<ExtendedResponse>(PasswordModifyRequest.Create(dn, password), cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await DeleteQuietlyAsync(dn).ConfigureAwait(false);
            throw;
        }

        _context.InvalidateAll();
        return await GetAsync(address.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads an account by primary address or alias.</summary>
    public async Task<Account> GetAsync(string addressText, CancellationToken cancellationToken)
    {
        var dn = await FindDnAsync(addressText, cancellationToken).ConfigureAwait(false);
        var entry = await _context.Gateway.ReadAsync(dn, _mapper.AccountAttributes, cancellationToken).ConfigureAwait(false)
            ?? throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownAccount, $"unknown account {addressText}", addressText);
        return _mapper.ToAccount(entry);
    }

    /// <summary>Lists accounts, optionally of one domain, sorted by address.</summary>
    public async Task<IReadOnlyList<Account>> ListAsync(string? domain, CancellationToken cancellationToken)
    {
        var searchBase = _context.SearchBase;
        if (!string.IsNullOrEmpty(domain))
        {
            var normalized = DomainDirectory.NormalizeOrReject(domain);
            await _domains.EnsureHostedAsync(normalized, cancellationToken).ConfigureAwait(false);
            if (_context.Options.Mode == DirectoryMode.Embedded)
            {
                searchBase = _context.Layout.PeopleDn(normalized);
            }

            domain = normalized;
        }

        var entries = await _context.Gateway.SearchAsync(
            searchBase, $"(&(objectClass={_context.Map.PersonClass})({_context.Map.Mail}=*))", SearchScope.Subtree, _mapper.AccountAttributes, cancellationToken)
            .ConfigureAwait(false);
        return entries.Select(_mapper.ToAccount)
            .Where(a => string.IsNullOrEmpty(domain) || a.Address.EndsWith("@" + domain, StringComparison.Ordinal))
            .OrderBy(a => a.Address, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>The accounts holding <paramref name="role"/> (admin, domain-admin, helpdesk), sorted by address: one
    /// search that returns only the holders.</summary>
    public async Task<IReadOnlyList<Account>> WithRoleAsync(string role, CancellationToken cancellationToken)
    {
        var roleName = ParseRole(role) ?? throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownRole, $"unknown role '{role}'", role);
        var entries = await _context.Gateway.SearchAsync(
            _context.SearchBase, $"(&(objectClass={_context.Map.PersonClass})({_context.Map.Role}={LdapEscape.FilterValue(roleName)}))", SearchScope.Subtree,
            _mapper.AccountAttributes, cancellationToken).ConfigureAwait(false);
        return entries.Select(_mapper.ToAccount).OrderBy(a => a.Address, StringComparer.Ordinal).ToArray();
    }

    /// <summary>Sets a new password (hashed by the directory).</summary>
    public async Task SetPasswordAsync(string addressText, string password, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("change a password");
        var dn = await FindDnAsync(addressText, cancellationToken).ConfigureAwait(false);
        if (PasswordPolicy.Refusal(password, MailAddress.Parse(addressText)) is { } weak)
        {
            throw weak;
        }

        await _context.Gateway.SendAsync<ExtendedResponse>(PasswordModifyRequest.Create(dn, password), cancellationToken).ConfigureAwait(false);
        _context.Logins.Invalidate();
    }

    /// <summary>Gives an account a role (admin, domain-admin, helpdesk; "user" or null takes it away) and, for a
    /// domain admin or helpdesk, the hosted domains it manages (none: its own domain).</summary>
    public async Task SetRoleAsync(string addressText, string? role, IReadOnlyList<string> managedDomains, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("change a role");
        var roleName = ParseRole(role);
        var domains = managedDomains.Select(d => d.Trim().TrimEnd('.').ToLowerInvariant()).Where(d => d.Length > 0).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (domains.Count > 0 && roleName is not ("domain-admin" or "helpdesk"))
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.ManagedDomainsNeedDelegatedRole, "managed domains go with the domain-admin or helpdesk role only");
        }

        foreach (var domain in domains)
        {
            await _domains.EnsureHostedAsync(domain, cancellationToken).ConfigureAwait(false);
        }

        var dn = await FindDnAsync(addressText, cancellationToken).ConfigureAwait(false);
        var request = new ModifyRequest(dn);
        var roleChange = new DirectoryAttributeModification { Name = "maRole", Operation = DirectoryAttributeOperation.Replace };
        if (roleName is not null)
        {
            roleChange.Add(roleName);
        }

        var domainChange = new DirectoryAttributeModification { Name = "maManagedDomain", Operation = DirectoryAttributeOperation.Replace };
        foreach (var domain in domains)
        {
            domainChange.Add(domain);
        }

        request.Modifications.Add(roleChange);
        request.Modifications.Add(domainChange);
        await _context.Gateway.SendAsync<ModifyResponse>(request, cancellationToken).ConfigureAwait(false);
        _context.InvalidateAll();
    }

    /// <summary>Changes an account's display name (cn, displayName, sn and givenName together).</summary>
    public async Task RenameAsync(string addressText, string name, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("rename an account");
        var person = ParseName(name);
        var dn = await FindDnAsync(addressText, cancellationToken).ConfigureAwait(false);
        var request = new ModifyRequest(dn);
        request.Modifications.Add(Replace("cn", person.Full));
        request.Modifications.Add(Replace("displayName", person.Full));
        request.Modifications.Add(Replace("sn", person.Family));
        request.Modifications.Add(Replace("givenName", person.Given));
        await _context.Gateway.SendAsync<ModifyResponse>(request, cancellationToken).ConfigureAwait(false);
        _context.InvalidateAll();
    }

    /// <summary>Sets an account's mailbox quota in bytes; null returns it to the appliance default.</summary>
    public async Task SetQuotaAsync(string addressText, long? quotaBytes, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("change a quota");
        if (quotaBytes is <= 0)
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.QuotaNotPositive, "a quota must be a positive number of bytes");
        }

        var dn = await FindDnAsync(addressText, cancellationToken).ConfigureAwait(false);
        var request = quotaBytes is { } quota
            ? new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "maQuota", quota.ToString(CultureInfo.InvariantCulture))
            : new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "maQuota", Array.Empty<object>());
        await _context.Gateway.SendAsync<ModifyResponse>(request, cancellationToken).ConfigureAwait(false);
        _context.InvalidateAll();
    }

    /// <summary>Disables or enables an account; a disabled account cannot authenticate but still receives mail.</summary>
    public async Task SetDisabledAsync(string addressText, bool disabled, CancellationToken cancellationToken)
    {
        _context.EnsureWritable(disabled ? "disable an account" : "enable an account");
        var dn = await FindDnAsync(addressText, cancellationToken).ConfigureAwait(false);
        var request = disabled
            ? new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "maAccountDisabled", "TRUE")
            : new ModifyRequest(dn, DirectoryAttributeOperation.Replace, "maAccountDisabled", Array.Empty<object>());
        await _context.Gateway.SendAsync<ModifyResponse>(request, cancellationToken).ConfigureAwait(false);
        _context.InvalidateAll();
    }

    /// <summary>Deletes an account; the directory's referential integrity removes it from every group.</summary>
    public async Task DeleteAsync(string addressText, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("delete an account");
        var dn = await FindDnAsync(addressText, cancellationToken).ConfigureAwait(false);
        await _context.Gateway.SendAsync<DeleteResponse>(new DeleteRequest(dn), cancellationToken).ConfigureAwait(false);
        _context.InvalidateAll();
    }

    /// <summary>Rejects an address that any account or group already uses as primary address or alias.</summary>
    internal async Task EnsureFreeAsync(string address, CancellationToken cancellationToken)
    {
        var existing = await _resolver.ResolveAsync(address, cancellationToken, useCache: false).ConfigureAwait(false);
        if (existing.Kind is AddressKind.Account or AddressKind.Group)
        {
            throw existing.PrimaryAddress == address
                ? new DirectoryRequestRejectedException(DirectoryRefusal.AddressTaken, $"{address} already exists", address)
                : new DirectoryRequestRejectedException(DirectoryRefusal.AddressTakenByAlias, $"{address} already exists (an alias of {existing.PrimaryAddress})",
                    address, existing.PrimaryAddress ?? string.Empty);
        }
    }

    internal static MailAddress ParseAddress(string? text) =>
        MailAddress.TryParse(text, out var address, out var error) ? address : throw InvalidAddress(text, error);

    /// <summary>The refusal of a text that is not a mail address.</summary>
    internal static DirectoryRequestRejectedException InvalidAddress(string? text, string error) =>
        string.IsNullOrWhiteSpace(text)
            ? new DirectoryRequestRejectedException(DirectoryRefusal.AddressRequired, error)
            : new DirectoryRequestRejectedException(DirectoryRefusal.InvalidAddress, error, text.Trim());

    /// <summary>Parses a display name (of an account or a group), refusing a missing or unusable one.</summary>
    internal static PersonName ParseName(string? name)
    {
        try
        {
            return PersonName.Parse(name);
        }
        catch (FormatException ex)
        {
            throw new DirectoryRequestRejectedException(string.IsNullOrWhiteSpace(name) ? DirectoryRefusal.NameRequired : DirectoryRefusal.NameInvalid, ex.Message, ex);
        }
    }

    private static string? ParseRole(string? role) => role?.Trim().ToLowerInvariant() switch
    {
        null or "" or "user" => null,
        "admin" or "domain-admin" or "helpdesk" => role.Trim().ToLowerInvariant(),
        _ => throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownRole, $"unknown role '{role}' (use admin, domain-admin or helpdesk)", role),
    };

    private static DirectoryAttributeModification Replace(string name, string value)
    {
        var modification = new DirectoryAttributeModification { Name = name, Operation = DirectoryAttributeOperation.Replace };
        modification.Add(value);
        return modification;
    }

    private async Task<string> FindDnAsync(string addressText, CancellationToken cancellationToken) =>
        (await _resolver.RequireAsync(addressText, AddressKind.Account, cancellationToken).ConfigureAwait(false)).Dn!;

    private async Task DeleteQuietlyAsync(string dn)
    {
        try
        {
            await _context.Gateway.SendAsync<DeleteResponse>(new DeleteRequest(dn), CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is DirectoryOperationException or DirectoryUnavailableException)
        {
            // The caller reports the first error; a leftover entry without a password cannot log in.
        }
    }
}
