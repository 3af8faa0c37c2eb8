namespace Mail.Server.Backup;

/// <summary>The first entry of every backup (<c>backup.json</c>): what made it, when, and of which appliance.</summary>
/// <param name="Format">The archive layout's version; restore refuses one it does not know.</param>
/// <param name="Created">When the backup started.</param>
/// <param name="Hostname">The appliance's host name.</param>
/// <param name="PrimaryDomain">The domain created at init.</param>
/// <param name="Directory">"embedded" (an LDIF export is inside) or "external" (the directory is not ours to back up).</param>
/// <param name="Version">The appliance version that wrote it.</param>
internal sealed record BackupManifest(int Format, DateTimeOffset Created, string Hostname, string PrimaryDomain, string Directory, string Version);
