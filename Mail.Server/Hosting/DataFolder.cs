namespace Mail.Server.Hosting;

/// <summary>The appliance's data folder and the files in it.</summary>
public sealed class DataFolder(string path)
{
    /// <summary>The environment variable naming the data folder when --data is not given.</summary>
    public const string EnvironmentVariable = "MAILAPPLIANCE_DATA";

    /// <summary>The folder.</summary>
    public string Root { get; } = Path.GetFullPath(path);

    /// <summary>The configuration file.</summary>
    public string ConfigFile => Path.Combine(Root, "mailappliance.json");

    /// <summary>TLS material.</summary>
    public string TlsFolder => Path.Combine(Root, "tls");

    /// <summary>The embedded directory.</summary>
    public string DirectoryFolder => Path.Combine(Root, "directory");

    /// <summary>The message store.</summary>
    public string StoreFolder => Path.Combine(Root, "store");

    /// <summary>Mail waiting for the outbound queue.</summary>
    public string SpoolFolder => Path.Combine(Root, "spool");

    /// <summary>DKIM keys, one folder per domain.</summary>
    public string DkimFolder => Path.Combine(Root, "dkim");

    /// <summary>The web admin's state (data-protection keys) and the audit log.</summary>
    public string WebFolder => Path.Combine(Root, "web");

    /// <summary>True once init has written the configuration.</summary>
    public bool IsInitialised => File.Exists(ConfigFile);

    /// <summary>The folder from --data, else $MAILAPPLIANCE_DATA, else ./data.</summary>
    public static DataFolder FromOption(string? option) =>
        new(!string.IsNullOrWhiteSpace(option) ? option
            : Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env ? env
            : "data");

    /// <summary>Resolves a path from the configuration against the data folder.</summary>
    public string Resolve(string relativeOrAbsolute) => Path.GetFullPath(relativeOrAbsolute, Root);
}
