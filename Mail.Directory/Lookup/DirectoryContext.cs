using Mail.Directory.Ldap;

namespace Mail.Directory.Lookup;

/// <summary>What every directory operation shares: the gateway, the tree layout, the attribute map and the caches.</summary>
internal sealed class DirectoryContext
{
    public DirectoryContext(DirectoryOptions options, LdapGateway gateway, TimeProvider time)
    {
        Options = options;
        Gateway = gateway;
        Layout = new DirectoryLayout(options.BaseDn);
        var ttl = TimeSpan.FromSeconds(Math.Max(0, options.CacheSeconds));
        Resolutions = new LookupCache<AddressResolution>(ttl, time);
        Expansions = new LookupCache<IReadOnlyList<string>>(ttl, time);
        Groups = new LookupCache<Group>(ttl, time);
        Domains = new LookupCache<IReadOnlySet<string>>(ttl, time);
        Logins = new LookupCache<byte[]>(ttl, time);
    }

    public DirectoryOptions Options { get; }

    public LdapGateway Gateway { get; }

    public DirectoryLayout Layout { get; }

    public AttributeMap Map => Options.Attributes;

    public LookupCache<AddressResolution> Resolutions { get; }

    public LookupCache<IReadOnlyList<string>> Expansions { get; }

    public LookupCache<Group> Groups { get; }

    public LookupCache<IReadOnlySet<string>> Domains { get; }

    /// <summary>Recent good logins by account DN: a keyed hash of the password that bound (see
    /// <see cref="PasswordAuthenticator"/>), never the password.</summary>
    public LookupCache<byte[]> Logins { get; }

    /// <summary>Where searches for people and groups start.</summary>
    public string SearchBase => Options.Mode == DirectoryMode.Embedded ? Layout.DomainsDn : Options.BaseDn;

    public void InvalidateAll()
    {
        Resolutions.Invalidate();
        Expansions.Invalidate();
        Groups.Invalidate();
        Domains.Invalidate();
        Logins.Invalidate();
    }

    public void EnsureWritable(string what)
    {
        if (Options.IsReadOnly)
        {
            throw new DirectoryRequestRejectedException(DirectoryRefusal.ReadOnly, $"cannot {what}: the external directory is read-only for the appliance; make the change in the directory itself");
        }
    }
}
