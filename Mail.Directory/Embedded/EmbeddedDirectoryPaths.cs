namespace Mail.Directory.Embedded;

/// <summary>The files of the embedded slapd inside the data folder.</summary>
public sealed class EmbeddedDirectoryPaths(string root)
{
    /// <summary>The folder itself (DATA/directory).</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>slapd.conf, regenerated at every start.</summary>
    public string Config => Path.Combine(Root, "slapd.conf");

    /// <summary>The appliance schema file slapd includes.</summary>
    public string Schema => Path.Combine(Root, "mailappliance.schema");

    /// <summary>The mdb database folder.</summary>
    public string Database => Path.Combine(Root, "db");

    /// <summary>slapd's pid file.</summary>
    public string PidFile => Path.Combine(Root, "slapd.pid");

    /// <summary>slapd's args file.</summary>
    public string ArgsFile => Path.Combine(Root, "slapd.args");

    /// <summary>The appliance's own directory password (owner-only).</summary>
    public string Secret => Path.Combine(Root, "admin.secret");

    /// <summary>Held (flock) by the process that owns the running slapd.</summary>
    public string LockFile => Path.Combine(Root, "slapd.lock");

    /// <summary>Who owns the running slapd: "service PID" (a running appliance) or "command PID".</summary>
    public string OwnerFile => Path.Combine(Root, "owner");

    /// <summary>slapd's own output, for diagnosing a failed start.</summary>
    public string LogFile => Path.Combine(Root, "slapd.log");
}
