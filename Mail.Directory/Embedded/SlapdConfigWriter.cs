using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mail.Directory.Embedded;

/// <summary>Writes the embedded slapd's configuration: standard schemas plus the appliance schema, one mdb
/// database, password hashing by slapd ({ARGON2}), referential integrity for group members, and ACLs that
/// keep password hashes unreadable and refuse binds of disabled accounts.</summary>
internal static class SlapdConfigWriter
{
    private const string SchemaDirectory = "/etc/ldap/schema";
    private const string ModuleDirectory = "/usr/lib/ldap";

    public static void Write(EmbeddedDirectoryPaths paths, DirectoryOptions options, string secret) =>
        Write(paths, options, secret, paths.Config);

    /// <summary>Writes the configuration to <paramref name="file"/>: the offline tools (slapcat, slapadd) get a copy of
    /// their own, so a running slapd's file is never rewritten under it.</summary>
    public static void Write(EmbeddedDirectoryPaths paths, DirectoryOptions options, string secret, string file)
    {
        var baseDn = options.BaseDn;
        var config = new StringBuilder()
            .AppendLine("# Written by the appliance at every start; edit DATA/mailappliance.json instead.")
            .AppendLine(CultureInfo.InvariantCulture, $"include {SchemaDirectory}/core.schema")
            .AppendLine(CultureInfo.InvariantCulture, $"include {SchemaDirectory}/cosine.schema")
            .AppendLine(CultureInfo.InvariantCulture, $"include {SchemaDirectory}/inetorgperson.schema")
            .AppendLine(CultureInfo.InvariantCulture, $"include {SchemaDirectory}/nis.schema")
            .AppendLine(CultureInfo.InvariantCulture, $"include {SchemaDirectory}/misc.schema")
            .AppendLine(CultureInfo.InvariantCulture, $"include {paths.Schema}")
            .AppendLine(CultureInfo.InvariantCulture, $"pidfile {paths.PidFile}")
            .AppendLine(CultureInfo.InvariantCulture, $"argsfile {paths.ArgsFile}")
            .AppendLine(CultureInfo.InvariantCulture, $"modulepath {ModuleDirectory}")
            .AppendLine("moduleload back_mdb")
            .AppendLine("moduleload refint")
            .AppendLine("moduleload argon2")
            .AppendLine("moduleload pw-sha2")
            .AppendLine("password-hash {ARGON2}")
            .AppendLine("loglevel none")
            .AppendLine("disallow bind_anon")
            .AppendLine("require authc")
            .AppendLine(CultureInfo.InvariantCulture, $"idletimeout {Math.Max(1, options.IdleTimeoutSeconds)}")
            .AppendLine("database mdb")
            .AppendLine(CultureInfo.InvariantCulture, $"suffix \"{baseDn}\"")
            .AppendLine(CultureInfo.InvariantCulture, $"rootdn \"cn=admin,{baseDn}\"")
            .AppendLine(CultureInfo.InvariantCulture, $"rootpw {HashSecret(secret)}")
            .AppendLine(CultureInfo.InvariantCulture, $"directory {paths.Database}")
            .AppendLine("maxsize 17179869184")
            .AppendLine(options.SyncWrites ? "# writes are fsynced" : "dbnosync")
            .AppendLine("index objectClass eq")
            .AppendLine("index uid,mail,mailLocalAddress,associatedDomain,maAllowedSender eq")
            .AppendLine("index member eq")
            .AppendLine("index cn,displayName,sn,givenName eq,sub")
            .AppendLine("limits users size.prtotal=unlimited size.soft=unlimited size.hard=unlimited")
            .AppendLine("overlay refint")
            .AppendLine("refint_attributes member")
            .AppendLine(CultureInfo.InvariantCulture, $"refint_nothing \"cn=nobody,{baseDn}\"")
            .AppendLine("access to filter=(maAccountDisabled=TRUE) attrs=userPassword by * none")
            .AppendLine("access to attrs=userPassword by self write by anonymous auth by * none")
            .AppendLine("access to * by self read by users read by * none");
        // Created owner-only before the root password hash is written into it.
        using (var stream = new FileStream(file, new FileStreamOptions
        {
            Mode = FileMode.Create,
            Access = FileAccess.Write,
            UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
        }))
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var writer = new StreamWriter(stream);
            writer.Write(config.ToString());
        }
    }

    // The secret is 256 random bits, so a fast salted hash is enough; slapd's pw-sha2 module checks it.
    private static string HashSecret(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var input = Encoding.UTF8.GetBytes(secret).Concat(salt).ToArray();
        var digest = SHA512.HashData(input);
        return "{SSHA512}" + Convert.ToBase64String(digest.Concat(salt).ToArray());
    }
}
