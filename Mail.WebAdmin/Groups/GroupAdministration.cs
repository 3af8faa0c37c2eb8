using Mail.Directory;
using Mail.Directory.Addressing;
using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Operations;
using Mail.WebAdmin.Security;

namespace Mail.WebAdmin.Groups;

/// <summary>Every change the web admin makes to groups: the scope check (a domain admin acts on their domains' groups
/// only, whatever the URL says), the directory call (the mail engine's own directory instance, so delivery sees the
/// change at once) and the audit entry.</summary>
internal sealed class GroupAdministration(MailDirectory directory, ChangeRecorder changes)
{
    /// <summary>The groups of the actor's domains whose address, alias or name contains <paramref name="search"/>,
    /// ignoring case and Vietnamese diacritics.</summary>
    public async Task<IReadOnlyList<Group>> ListAsync(AdminActor actor, string? search, CancellationToken cancellationToken)
    {
        var needle = string.IsNullOrWhiteSpace(search) ? null : SearchText.Fold(search.Trim());
        var groups = await directory.Groups.ListAsync(null, cancellationToken).ConfigureAwait(false);
        return groups.Where(g => actor.Scope.Covers(AccountAdministration.DomainOf(g.Address))
                && (needle is null || SearchText.Fold(string.Join(' ', [g.Address, g.Name, .. g.Aliases])).Contains(needle, StringComparison.Ordinal)))
            .ToArray();
    }

    /// <summary>Reads a group of the actor's domains.</summary>
    /// <exception cref="AdminForbiddenException">Another domain's group.</exception>
    public async Task<Group> GetAsync(AdminActor actor, string address, CancellationToken cancellationToken)
    {
        var group = await directory.Groups.GetAsync(address, cancellationToken).ConfigureAwait(false);
        Require(actor, AccountAdministration.DomainOf(group.Address));
        return group;
    }

    public async Task<Group> CreateAsync(AdminActor actor, string address, string name, SenderPolicy policy, CancellationToken cancellationToken)
    {
        var normalized = address.Trim().ToLowerInvariant();
        Require(actor, AccountAdministration.DomainOf(normalized));
        var group = await directory.Groups.AddAsync(normalized, name, policy, cancellationToken).ConfigureAwait(false);
        await RecordAsync(actor, OperationsAuditActions.GroupCreate, group, $"{group.Name} ({SenderPolicyNames.ToName(policy)})").ConfigureAwait(false);
        return group;
    }

    public async Task DeleteAsync(AdminActor actor, string address, CancellationToken cancellationToken)
    {
        var group = await GetAsync(actor, address, cancellationToken).ConfigureAwait(false);
        await directory.Groups.DeleteAsync(group.Address, cancellationToken).ConfigureAwait(false);
        await RecordAsync(actor, OperationsAuditActions.GroupDelete, group, group.Name).ConfigureAwait(false);
    }

    /// <summary>Adds a local account, a nested group or an external address. A delegated admin may add addresses of
    /// their own domains and outside addresses, not another hosted domain's (that would let them probe who exists there).</summary>
    public async Task<GroupMember> AddMemberAsync(AdminActor actor, string address, string member, CancellationToken cancellationToken)
    {
        var group = await GetAsync(actor, address, cancellationToken).ConfigureAwait(false);
        var memberAddress = member.Trim().ToLowerInvariant();
        if (MailAddress.TryParse(memberAddress, out var parsed, out _) && !actor.Scope.IsApplianceAdmin && !actor.Scope.Covers(parsed.Domain)
            && await directory.Domains.IsHostedAsync(parsed.Domain, cancellationToken).ConfigureAwait(false))
        {
            throw new AdminForbiddenException($"{actor.Address} may not add members of {parsed.Domain}");
        }

        var added = await directory.Groups.AddMemberAsync(group.Address, memberAddress, cancellationToken).ConfigureAwait(false);
        await RecordAsync(actor, OperationsAuditActions.GroupMemberAdd, group, added.Address).ConfigureAwait(false);
        return added;
    }

    public Task RemoveMemberAsync(AdminActor actor, string address, string member, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, OperationsAuditActions.GroupMemberRemove, member.Trim().ToLowerInvariant(),
            group => directory.Groups.RemoveMemberAsync(group, member, cancellationToken), cancellationToken);

    /// <summary>Gives the group another address of a domain the actor manages; the directory refuses one that an
    /// account, alias or group already has.</summary>
    public Task AddAliasAsync(AdminActor actor, string address, string alias, CancellationToken cancellationToken)
    {
        var normalized = alias.Trim().ToLowerInvariant();
        return ChangeAsync(actor, address, OperationsAuditActions.GroupAliasAdd, normalized, group =>
        {
            AccountAdministration.RequireOwnDomain(actor, normalized);
            return directory.Aliases.AddAsync(group, normalized, cancellationToken);
        }, cancellationToken);
    }

    public Task RemoveAliasAsync(AdminActor actor, string address, string alias, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, OperationsAuditActions.GroupAliasRemove, alias.Trim().ToLowerInvariant(),
            group => directory.Aliases.RemoveAsync(group, alias, cancellationToken), cancellationToken);

    public Task SetPolicyAsync(AdminActor actor, string address, SenderPolicy policy, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, OperationsAuditActions.GroupPolicy, SenderPolicyNames.ToName(policy),
            group => directory.Groups.SetPolicyAsync(group, policy, cancellationToken), cancellationToken);

    public Task AddSenderAsync(AdminActor actor, string address, string sender, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, OperationsAuditActions.GroupSenderAdd, sender.Trim().ToLowerInvariant(),
            group => directory.Groups.AddSenderAsync(group, sender, cancellationToken), cancellationToken);

    public Task RemoveSenderAsync(AdminActor actor, string address, string sender, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, OperationsAuditActions.GroupSenderRemove, sender.Trim().ToLowerInvariant(),
            group => directory.Groups.RemoveSenderAsync(group, sender, cancellationToken), cancellationToken);

    /// <summary>Whether the group is in the public contact list.</summary>
    public async Task<bool> IsPublicAsync(AdminActor actor, string address, CancellationToken cancellationToken)
    {
        var group = await GetAsync(actor, address, cancellationToken).ConfigureAwait(false);
        return await directory.PublicContacts.IsPublicAsync(group.Address, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Publishes the group in the public contact list (Circular Art. 4.2, 8.1, 9.1) or withdraws it.</summary>
    public Task SetPublicAsync(AdminActor actor, string address, bool isPublic, CancellationToken cancellationToken) =>
        ChangeAsync(actor, address, OperationsAuditActions.GroupPublic, isPublic ? "public" : "not public",
            group => directory.PublicContacts.SetPublicAsync(group, isPublic, cancellationToken), cancellationToken);

    private static void Require(AdminActor actor, string domain)
    {
        if (!actor.Scope.EditsAccounts || !actor.Scope.Covers(domain))
        {
            throw new AdminForbiddenException($"{actor.Address} may not manage groups of {domain}");
        }
    }

    // Checks the scope on the group as the directory holds it (an alias in the URL names the same group), changes it
    // by its primary address, and records the change.
    private async Task ChangeAsync(AdminActor actor, string address, string action, string detail, Func<string, Task> change, CancellationToken cancellationToken)
    {
        var group = await GetAsync(actor, address, cancellationToken).ConfigureAwait(false);
        await change(group.Address).ConfigureAwait(false);
        await RecordAsync(actor, action, group, detail).ConfigureAwait(false);
    }

    private Task RecordAsync(AdminActor actor, string action, Group group, string detail) =>
        changes.RecordAsync(actor, action, group.Address, AccountAdministration.DomainOf(group.Address), detail);
}
