namespace Mail.Directory;

/// <summary>Where the directory lives.</summary>
public enum DirectoryMode
{
    /// <summary>The appliance provisions and supervises its own slapd in the data folder.</summary>
    Embedded,

    /// <summary>An existing OpenLDAP or Active Directory, read-only from the appliance.</summary>
    External,
}
