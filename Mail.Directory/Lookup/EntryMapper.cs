using System.DirectoryServices.Protocols;
using System.Globalization;
using Mail.Directory.Ldap;

namespace Mail.Directory.Lookup;

/// <summary>Turns directory entries into <see cref="Account"/> and <see cref="Group"/> records through the attribute map.</summary>
internal sealed class EntryMapper(DirectoryContext context)
{
    public string[] AccountAttributes =>
    [
        "objectClass", context.Map.Mail, context.Map.Alias, context.Map.Name, "displayName", context.Map.Disabled,
        context.Map.Quota, context.Map.Role, context.Map.ManagedDomain, context.Map.Public,
    ];

    public string[] GroupAttributes =>
    [
        "objectClass", context.Map.Mail, context.Map.Alias, context.Map.Name, context.Map.Member,
        context.Map.SenderPolicy, context.Map.AllowedSender, context.Map.Public,
    ];

    public string[] ResolveAttributes => ["objectClass", context.Map.Mail, context.Map.Disabled];

    public Account ToAccount(SearchResultEntry entry)
    {
        var quota = entry.First(context.Map.Quota);
        return new Account(
            Address: (entry.First(context.Map.Mail) ?? string.Empty).ToLowerInvariant(),
            Name: entry.First("displayName") ?? entry.First(context.Map.Name) ?? string.Empty,
            Dn: entry.DistinguishedName,
            Aliases: Lower(entry.All(context.Map.Alias)),
            Disabled: entry.Flag(context.Map.Disabled),
            QuotaBytes: long.TryParse(quota, NumberStyles.Integer, CultureInfo.InvariantCulture, out var q) ? q : null,
            Roles: Lower(entry.All(context.Map.Role)),
            ManagedDomains: Lower(entry.All(context.Map.ManagedDomain)),
            Public: entry.Flag(context.Map.Public));
    }

    public Group ToGroup(SearchResultEntry entry)
    {
        var members = new List<GroupMember>();
        foreach (var dn in entry.All(context.Map.Member))
        {
            if (dn.Equals(context.Layout.NobodyDn, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var parsed = context.Layout.ParseMemberDn(dn);
            members.Add(parsed is { } p ? new GroupMember(p.Kind, p.Address, dn) : new GroupMember(MemberKind.External, string.Empty, dn));
        }

        var hasPolicy = SenderPolicyNames.TryParse(entry.First(context.Map.SenderPolicy), out var policy);
        return new Group(
            Address: (entry.First(context.Map.Mail) ?? string.Empty).ToLowerInvariant(),
            Name: entry.First(context.Map.Name) ?? string.Empty,
            Dn: entry.DistinguishedName,
            Policy: hasPolicy || !string.IsNullOrEmpty(context.Map.SenderPolicy) ? policy : SenderPolicy.Anyone,
            Members: members,
            AllowedSenders: Lower(entry.All(context.Map.AllowedSender)),
            Aliases: Lower(entry.All(context.Map.Alias)),
            Public: entry.Flag(context.Map.Public));
    }

    private static string[] Lower(IReadOnlyList<string> values) => values.Select(v => v.ToLowerInvariant()).ToArray();
}
