namespace Mail.Directory;

/// <summary>How the appliance reaches its directory (bound from the <c>Mail:Directory</c> configuration section).</summary>
public sealed class DirectoryOptions
{
    /// <summary>Embedded (the appliance runs its own slapd) or External (an existing OpenLDAP or Active Directory).</summary>
    public DirectoryMode Mode { get; set; } = DirectoryMode.Embedded;

    /// <summary>Loopback port of the embedded slapd.</summary>
    public int Port { get; set; } = 10389;

    /// <summary>ldap:// or ldaps:// URL of an external directory; for the embedded one it is derived from <see cref="Port"/>.</summary>
    public string? Url { get; set; }

    /// <summary>The DN the appliance binds as for lookups and changes.</summary>
    public string? BindDn { get; set; }

    /// <summary>The password for <see cref="BindDn"/>; for the embedded directory it is read from the data folder.</summary>
    public string? BindPassword { get; set; }

    /// <summary>The base DN under which everything the appliance manages lives.</summary>
    public string BaseDn { get; set; } = "o=mailappliance";

    /// <summary>Hosted domains of an external directory (the embedded one keeps them in the directory itself).</summary>
    public IList<string> Domains { get; private set; } = [];

    /// <summary>Deadline for one directory call; past it the call fails as temporarily unavailable.</summary>
    public int TimeoutMs { get; set; } = 3000;

    /// <summary>How long calls fail fast after a timeout before the directory is tried again.</summary>
    public int RetryAfterMs { get; set; } = 2000;

    /// <summary>How long lookups (address resolution, group expansion) are cached.</summary>
    public int CacheSeconds { get; set; } = 30;

    /// <summary>Bound on group nesting during expansion.</summary>
    public int MaxGroupDepth { get; set; } = 16;

    /// <summary>Number of shared service connections (searches and changes run concurrently on them).</summary>
    public int ServiceConnections { get; set; } = 4;

    /// <summary>Seconds after which the embedded slapd closes a connection nobody uses (slapd <c>idletimeout</c>).</summary>
    public int IdleTimeoutSeconds { get; set; } = 600;

    /// <summary>False only in tests: the embedded slapd then skips fsync (slapd <c>dbnosync</c>).</summary>
    public bool SyncWrites { get; set; } = true;

    /// <summary>Attribute names; the defaults are the appliance's own schema.</summary>
    public AttributeMap Attributes { get; set; } = new();

    /// <summary>True when changes must be refused (the default for external directories).</summary>
    public bool IsReadOnly => Mode == DirectoryMode.External;

    /// <summary>The effective URL of the directory.</summary>
    public string EffectiveUrl => Mode == DirectoryMode.Embedded || string.IsNullOrEmpty(Url)
        ? $"ldap://127.0.0.1:{Port}"
        : Url;

    /// <summary>A copy that can be changed without affecting this instance (the attribute map is shared: it is not changed after start).</summary>
    public DirectoryOptions Copy()
    {
        var copy = (DirectoryOptions)MemberwiseClone();
        copy.Domains = [.. Domains];
        return copy;
    }
}
