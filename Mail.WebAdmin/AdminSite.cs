namespace Mail.WebAdmin;

/// <summary>What the web admin needs to know about the appliance it serves.</summary>
/// <param name="Hostname">The appliance's host name (mail clients connect to it).</param>
/// <param name="PrimaryDomain">The domain made at init.</param>
/// <param name="StateFolder">A folder of the data folder the web admin owns (data-protection keys, so sign-ins
/// survive a restart).</param>
/// <param name="Clients">The ports mail clients use, for autoconfig.</param>
/// <param name="ProfileSignature">Signs the Apple configuration profile; null serves it unsigned.</param>
public sealed record AdminSite(string Hostname, string PrimaryDomain, string StateFolder, ClientPorts Clients,
    ClientSetup.ProfileSignature? ProfileSignature = null);
