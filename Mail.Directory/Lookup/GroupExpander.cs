using System.DirectoryServices.Protocols;
using Mail.Directory.Ldap;
using Microsoft.Extensions.Logging;

namespace Mail.Directory.Lookup;

/// <summary>Expands a group into its final recipient addresses: nested groups followed to a bounded depth,
/// each group read once (so cycles end), external members included, the result de-duplicated and sorted.</summary>
public sealed class GroupExpander
{
    private const int ConcurrentReads = 8;

    private readonly DirectoryContext _context;
    private readonly AddressResolver _resolver;
    private readonly ILogger _logger;

    internal GroupExpander(DirectoryContext context, AddressResolver resolver, ILogger logger)
    {
        _context = context;
        _resolver = resolver;
        _logger = logger;
    }

    /// <summary>The final recipients of the group at <paramref name="groupAddress"/> (cached).</summary>
    /// <exception cref="DirectoryRequestRejectedException">The address is not a group.</exception>
    /// <exception cref="DirectoryUnavailableException">The directory did not answer in time.</exception>
    public async Task<IReadOnlyList<string>> ExpandAsync(string groupAddress, CancellationToken cancellationToken)
    {
        var resolution = await _resolver.ResolveAsync(groupAddress, cancellationToken).ConfigureAwait(false);
        if (resolution.Kind != AddressKind.Group || resolution.Dn is null)
        {
            throw new DirectoryRequestRejectedException($"{groupAddress.Trim().ToLowerInvariant()} is not a group");
        }

        if (_context.Expansions.TryGet(resolution.Dn, out var cached))
        {
            return cached;
        }

        var generation = _context.Expansions.Generation;
        var walk = await WalkAsync(resolution.Dn, cancellationToken).ConfigureAwait(false);
        var result = walk.Recipients.Order(StringComparer.Ordinal).ToArray();
        _context.Expansions.Set(resolution.Dn, result, generation);
        return result;
    }

    /// <summary>The DNs of every group reachable from <paramref name="groupDn"/>, itself included.</summary>
    internal async Task<IReadOnlySet<string>> ReachableGroupsAsync(string groupDn, CancellationToken cancellationToken) =>
        (await WalkAsync(groupDn, cancellationToken).ConfigureAwait(false)).Groups;

    private async Task<Walk> WalkAsync(string rootDn, CancellationToken cancellationToken)
    {
        var recipients = new HashSet<string>(StringComparer.Ordinal);
        var groups = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { rootDn };
        var level = new List<string> { rootDn };
        var memberAttribute = _context.Map.Member;
        for (var depth = 0; level.Count > 0; depth++)
        {
            if (depth >= _context.Options.MaxGroupDepth)
            {
                _logger.GroupTooDeep(rootDn, depth);
                break;
            }

            // The groups of one level are read a few at a time: enough to keep the service connections busy,
            // few enough that a very wide level cannot queue hundreds of calls behind one deadline.
            var entries = new List<System.DirectoryServices.Protocols.SearchResultEntry?>(level.Count);
            foreach (var batch in level.Chunk(ConcurrentReads))
            {
                entries.AddRange(await Task.WhenAll(batch.Select(dn => _context.Gateway.ReadAsync(dn, [memberAttribute], cancellationToken))).ConfigureAwait(false));
            }

            var next = new List<string>();
            var unknown = new List<string>();
            foreach (var entry in entries)
            {
                if (entry is null)
                {
                    continue;
                }

                foreach (var memberDn in entry.All(memberAttribute))
                {
                    if (memberDn.Equals(_context.Layout.NobodyDn, StringComparison.OrdinalIgnoreCase))
                    {
                        continue;
                    }

                    switch (_context.Layout.ParseMemberDn(memberDn))
                    {
                        case { Kind: MemberKind.Group }:
                            if (groups.Add(memberDn))
                            {
                                next.Add(memberDn);
                            }

                            break;
                        case { } member:
                            recipients.Add(member.Address);
                            break;
                        default:
                            unknown.Add(memberDn);
                            break;
                    }
                }
            }

            // Members outside the appliance's own layout (external directories) need a read each.
            foreach (var memberDn in unknown.Distinct(StringComparer.OrdinalIgnoreCase))
            {
                var member = await _context.Gateway.ReadAsync(memberDn, ["objectClass", _context.Map.Mail], cancellationToken).ConfigureAwait(false);
                if (member is null)
                {
                    continue;
                }

                if (member.HasClass(_context.Map.GroupClass))
                {
                    if (groups.Add(memberDn))
                    {
                        next.Add(memberDn);
                    }
                }
                else if (member.First(_context.Map.Mail) is { } mail)
                {
                    recipients.Add(mail.ToLowerInvariant());
                }
            }

            level = next;
        }

        return new Walk(recipients, groups);
    }

    private sealed record Walk(HashSet<string> Recipients, HashSet<string> Groups);
}
