using System.DirectoryServices.Protocols;
using Mail.Directory.Addressing;
using Mail.Directory.Ldap;

namespace Mail.Directory.Lookup;

/// <summary>E-mail groups: create, read, list, delete, members (accounts, nested groups, external
/// addresses) and the sender policy with its allowed senders.</summary>
public sealed class GroupDirectory
{
    private readonly DirectoryContext _context;
    private readonly DomainDirectory _domains;
    private readonly AddressResolver _resolver;
    private readonly AccountDirectory _accounts;
    private readonly EntryMapper _mapper;
    private GroupExpander? _expander;

    internal GroupDirectory(DirectoryContext context, DomainDirectory domains, AddressResolver resolver, AccountDirectory accounts, EntryMapper mapper)
    {
        _context = context;
        _domains = domains;
        _resolver = resolver;
        _accounts = accounts;
        _mapper = mapper;
    }

    internal GroupExpander Expander
    {
        set => _expander = value;
    }

    /// <summary>Creates an empty group.</summary>
    public async Task<Group> AddAsync(string addressText, string name, SenderPolicy policy, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("add a group");
        var address = AccountDirectory.ParseAddress(addressText);
        var displayName = AccountDirectory.ParseName(name).Full;

        await _domains.EnsureHostedAsync(address.Domain, cancellationToken).ConfigureAwait(false);
        await _accounts.EnsureFreeAsync(address.ToString(), cancellationToken).ConfigureAwait(false);
        try
        {
            await _context.Gateway.SendAsync<AddResponse>(
                new AddRequest(
                    _context.Layout.GroupDn(address),
                    new DirectoryAttribute("objectClass", "groupOfNames", "inetLocalMailRecipient", "maGroup"),
                    new DirectoryAttribute("mail", address.ToString()),
                    new DirectoryAttribute("cn", displayName),
                    new DirectoryAttribute("member", _context.Layout.NobodyDn),
                    new DirectoryAttribute("maSenderPolicy", SenderPolicyNames.ToName(policy))),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.EntryAlreadyExists)
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.AddressTaken, $"{address} already exists", ex, address.ToString());
        }

        _context.InvalidateAll();
        return await GetAsync(address.ToString(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads a group by address or alias, uncached.</summary>
    public async Task<Group> GetAsync(string addressText, CancellationToken cancellationToken)
    {
        var dn = await FindDnAsync(addressText, useCache: false, cancellationToken).ConfigureAwait(false);
        var entry = await _context.Gateway.ReadAsync(dn, _mapper.GroupAttributes, cancellationToken).ConfigureAwait(false)
            ?? throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownGroup, $"unknown group {addressText}", addressText);
        return _mapper.ToGroup(entry);
    }

    /// <summary>Reads a group for the mail path, cached for the configured TTL.</summary>
    public async Task<Group> GetCachedAsync(string addressText, CancellationToken cancellationToken)
    {
        var dn = await FindDnAsync(addressText, useCache: true, cancellationToken).ConfigureAwait(false);
        if (_context.Groups.TryGet(dn, out var cached))
        {
            return cached;
        }

        var generation = _context.Groups.Generation;
        var entry = await _context.Gateway.ReadAsync(dn, _mapper.GroupAttributes, cancellationToken).ConfigureAwait(false)
            ?? throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownGroup, $"unknown group {addressText}", addressText);
        var group = _mapper.ToGroup(entry);
        _context.Groups.Set(dn, group, generation);
        return group;
    }

    /// <summary>Lists groups, optionally of one domain, sorted by address.</summary>
    public async Task<IReadOnlyList<Group>> ListAsync(string? domain, CancellationToken cancellationToken)
    {
        var searchBase = _context.SearchBase;
        if (!string.IsNullOrEmpty(domain))
        {
            domain = DomainDirectory.NormalizeOrReject(domain);
            await _domains.EnsureHostedAsync(domain, cancellationToken).ConfigureAwait(false);
            if (_context.Options.Mode == DirectoryMode.Embedded)
            {
                searchBase = _context.Layout.GroupsDn(domain);
            }
        }

        var entries = await _context.Gateway.SearchAsync(
            searchBase, $"(&(objectClass={_context.Map.GroupClass})({_context.Map.Mail}=*))", SearchScope.Subtree, _mapper.GroupAttributes, cancellationToken)
            .ConfigureAwait(false);
        return entries.Select(_mapper.ToGroup)
            .Where(g => string.IsNullOrEmpty(domain) || g.Address.EndsWith("@" + domain, StringComparison.Ordinal))
            .OrderBy(g => g.Address, StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Deletes a group; groups that contained it lose it as a member.</summary>
    public async Task DeleteAsync(string addressText, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("delete a group");
        var dn = await FindDnAsync(addressText, useCache: false, cancellationToken).ConfigureAwait(false);
        await _context.Gateway.SendAsync<DeleteResponse>(new DeleteRequest(dn), cancellationToken).ConfigureAwait(false);
        _context.InvalidateAll();
    }

    /// <summary>Adds a member: a local account or group (by address or alias) or an external address.
    /// Refuses a member that would make the group contain itself.</summary>
    public async Task<GroupMember> AddMemberAsync(string groupText, string memberText, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("change a group");
        var groupDn = await FindDnAsync(groupText, useCache: false, cancellationToken).ConfigureAwait(false);
        var member = await ResolveMemberAsync(memberText, create: true, cancellationToken).ConfigureAwait(false);
        if (member.Kind == MemberKind.Group)
        {
            var reachable = await _expander!.ReachableGroupsAsync(member.Dn, cancellationToken).ConfigureAwait(false);
            if (reachable.Contains(groupDn))
            {
                throw new DirectoryRequestRejectedException(
                    DirectoryRefusal.GroupCycle, $"adding {member.Address} to {Normalize(groupText)} would create a group cycle", member.Address, Normalize(groupText));
            }
        }

        try
        {
            await _context.Gateway.SendAsync<ModifyResponse>(
                new ModifyRequest(groupDn, DirectoryAttributeOperation.Add, _context.Map.Member, member.Dn), cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.AttributeOrValueExists)
        {
            throw new DirectoryRequestRejectedException(
                DirectoryRefusal.AlreadyMember, $"{member.Address} is already a member of {Normalize(groupText)}", ex, member.Address, Normalize(groupText));
        }

        _context.InvalidateAll();
        return member;
    }

    /// <summary>Removes a member; an external contact that no group references any more is deleted too.</summary>
    public async Task RemoveMemberAsync(string groupText, string memberText, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("change a group");
        var groupDn = await FindDnAsync(groupText, useCache: false, cancellationToken).ConfigureAwait(false);
        var member = await ResolveMemberAsync(memberText, create: false, cancellationToken).ConfigureAwait(false);
        try
        {
            await _context.Gateway.SendAsync<ModifyResponse>(
                new ModifyRequest(groupDn, DirectoryAttributeOperation.Delete, _context.Map.Member, member.Dn), cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode is ResultCode.NoSuchAttribute)
        {
            throw new DirectoryRequestRejectedException(
                DirectoryRefusal.NotMember, $"{member.Address} is not a member of {Normalize(groupText)}", ex, member.Address, Normalize(groupText));
        }

        if (member.Kind == MemberKind.External)
        {
            var users = await _context.Gateway.SearchAsync(
                _context.SearchBase, $"(member={LdapEscape.FilterValue(member.Dn)})", SearchScope.Subtree, ["1.1"], cancellationToken, 1).ConfigureAwait(false);
            if (users.Count == 0)
            {
                try
                {
                    await _context.Gateway.SendAsync<DeleteResponse>(new DeleteRequest(member.Dn), cancellationToken).ConfigureAwait(false);
                }
                catch (DirectoryOperationException)
                {
                    // Another group took the contact meanwhile, or it is gone: either is fine.
                }
            }
        }

        _context.InvalidateAll();
    }

    /// <summary>Sets who may send to the group.</summary>
    public async Task SetPolicyAsync(string groupText, SenderPolicy policy, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("change a group");
        var groupDn = await FindDnAsync(groupText, useCache: false, cancellationToken).ConfigureAwait(false);
        await _context.Gateway.SendAsync<ModifyResponse>(
            new ModifyRequest(groupDn, DirectoryAttributeOperation.Replace, "maSenderPolicy", SenderPolicyNames.ToName(policy)), cancellationToken).ConfigureAwait(false);
        _context.InvalidateAll();
    }

    /// <summary>Allows <paramref name="senderText"/> to send to a group whose policy is "senders".</summary>
    public Task AddSenderAsync(string groupText, string senderText, CancellationToken cancellationToken) =>
        ChangeSenderAsync(groupText, senderText, DirectoryAttributeOperation.Add, cancellationToken);

    /// <summary>Withdraws <paramref name="senderText"/>'s permission to send to the group.</summary>
    public Task RemoveSenderAsync(string groupText, string senderText, CancellationToken cancellationToken) =>
        ChangeSenderAsync(groupText, senderText, DirectoryAttributeOperation.Delete, cancellationToken);

    private static string Normalize(string text) => text.Trim().ToLowerInvariant();

    private async Task ChangeSenderAsync(string groupText, string senderText, DirectoryAttributeOperation operation, CancellationToken cancellationToken)
    {
        _context.EnsureWritable("change a group");
        var groupDn = await FindDnAsync(groupText, useCache: false, cancellationToken).ConfigureAwait(false);
        var sender = AccountDirectory.ParseAddress(senderText).ToString();
        try
        {
            await _context.Gateway.SendAsync<ModifyResponse>(
                new ModifyRequest(groupDn, operation, "maAllowedSender", sender), cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.AttributeOrValueExists)
        {
            throw new DirectoryRequestRejectedException(
                DirectoryRefusal.AlreadySender, $"{sender} is already an allowed sender of {Normalize(groupText)}", ex, sender, Normalize(groupText));
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.NoSuchAttribute)
        {
            throw new DirectoryRequestRejectedException(
                DirectoryRefusal.NotSender, $"{sender} is not an allowed sender of {Normalize(groupText)}", ex, sender, Normalize(groupText));
        }

        _context.InvalidateAll();
    }

    private async Task<GroupMember> ResolveMemberAsync(string memberText, bool create, CancellationToken cancellationToken)
    {
        var address = AccountDirectory.ParseAddress(memberText);
        var resolution = await _resolver.ResolveAsync(address.ToString(), cancellationToken, useCache: false).ConfigureAwait(false);
        switch (resolution)
        {
            case { Kind: AddressKind.Account, Dn: { } dn, PrimaryAddress: { } primary }:
                return new GroupMember(MemberKind.Account, primary, dn);
            case { Kind: AddressKind.Group, Dn: { } dn, PrimaryAddress: { } primary }:
                return new GroupMember(MemberKind.Group, primary, dn);
            case { Kind: AddressKind.NotHosted }:
                var contactDn = _context.Layout.ContactDn(address);
                if (create)
                {
                    await EnsureContactAsync(address, contactDn, cancellationToken).ConfigureAwait(false);
                }

                return new GroupMember(MemberKind.External, address.ToString(), contactDn);
            default:
                throw new DirectoryRequestRejectedException(DirectoryRefusal.UnknownAccountOrGroup, $"unknown account or group {address}", address.ToString());
        }
    }

    private async Task EnsureContactAsync(MailAddress address, string dn, CancellationToken cancellationToken)
    {
        try
        {
            await _context.Gateway.SendAsync<AddResponse>(
                new AddRequest(
                    dn,
                    new DirectoryAttribute("objectClass", "inetOrgPerson"),
                    new DirectoryAttribute("mail", address.ToString()),
                    new DirectoryAttribute("cn", address.ToString()),
                    new DirectoryAttribute("sn", address.ToString())),
                cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.EntryAlreadyExists)
        {
            // Shared by several groups: one contact entry serves them all.
        }
    }

    private async Task<string> FindDnAsync(string addressText, bool useCache, CancellationToken cancellationToken) =>
        (await _resolver.RequireAsync(addressText, AddressKind.Group, cancellationToken, useCache).ConfigureAwait(false)).Dn!;
}
