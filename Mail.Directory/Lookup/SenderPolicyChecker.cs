using Mail.Directory.Addressing;

namespace Mail.Directory.Lookup;

/// <summary>Decides whether a sender may post to a group under the group's sender policy.</summary>
public sealed class SenderPolicyChecker
{
    private readonly GroupDirectory _groups;
    private readonly GroupExpander _expander;
    private readonly AddressResolver _resolver;

    internal SenderPolicyChecker(GroupDirectory groups, GroupExpander expander, AddressResolver resolver)
    {
        _groups = groups;
        _expander = expander;
        _resolver = resolver;
    }

    /// <summary>True when <paramref name="sender"/> may send to the group at <paramref name="groupAddress"/>.
    /// A sender that is an alias of a local account counts as that account.</summary>
    public async Task<bool> MayPostAsync(string groupAddress, string sender, CancellationToken cancellationToken)
    {
        var group = await _groups.GetCachedAsync(groupAddress, cancellationToken).ConfigureAwait(false);
        if (group.Policy == SenderPolicy.Anyone)
        {
            return true;
        }

        if (!MailAddress.TryParse(sender, out var from, out _))
        {
            // The null reverse-path (bounces) and malformed senders pass only an open group.
            return false;
        }

        var identities = new HashSet<string>(StringComparer.Ordinal) { from.ToString() };
        var resolved = await _resolver.ResolveAsync(from.ToString(), cancellationToken).ConfigureAwait(false);
        if (resolved.PrimaryAddress is { } primary)
        {
            identities.Add(primary);
        }

        switch (group.Policy)
        {
            case SenderPolicy.Domain:
                var groupDomain = group.Address[(group.Address.IndexOf('@', StringComparison.Ordinal) + 1)..];
                return identities.Any(a => a.EndsWith("@" + groupDomain, StringComparison.Ordinal));
            case SenderPolicy.Senders:
                return group.AllowedSenders.Any(identities.Contains);
            default:
                var members = await _expander.ExpandAsync(group.Address, cancellationToken).ConfigureAwait(false);
                return identities.Any(a => members.Contains(a, StringComparer.Ordinal));
        }
    }
}
