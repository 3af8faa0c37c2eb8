using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Mail.Directory;
using Mail.Directory.Addressing;
using Mail.Directory.Embedded;
using Mail.Server.Hosting;
using Mail.WebAdmin.Operations;

namespace Mail.Server.Cli;

/// <summary><c>init</c>: creates a data folder with configuration, a self-signed certificate, and an embedded
/// directory holding the first domain and its administrator. A certificate and key already in place (mounted into a
/// container's volume, or named by Mail__Tls__*) are kept. On failure what init wrote is removed.</summary>
internal static class InitCommand
{
    public static Command Build()
    {
        var command = new Command("init", "Create a new appliance data folder");
        var domain = new Option<string>("--domain") { Description = "The first hosted mail domain", Required = true };
        var password = new Option<string?>("--admin-password") { Description = "Password of postmaster@DOMAIN, the first administrator" };
        var passwordFile = new Option<string?>("--admin-password-file") { Description = "A file whose first line is that password (kept out of the process list)" };
        var hostname = new Option<string?>("--hostname") { Description = "The appliance's host name (default: mail.DOMAIN)" };
        command.Add(domain);
        command.Add(password);
        command.Add(passwordFile);
        command.Add(hostname);
        CommandAction.Set(command, async (r, ct) => await RunAsync(
            CliApplication.Data(r), r.GetRequiredValue(domain), await PasswordAsync(r.GetValue(password), r.GetValue(passwordFile), ct).ConfigureAwait(false),
            r.GetValue(hostname), ct).ConfigureAwait(false));
        return command;
    }

    private static async Task<string> PasswordAsync(string? password, string? file, CancellationToken cancellationToken)
    {
        if ((password is null) == (file is null))
        {
            throw new CliException("give the administrator's password with --admin-password or --admin-password-file (one of them)", ExitCodes.Usage);
        }

        if (password is not null)
        {
            return password;
        }

        try
        {
            var text = await File.ReadAllTextAsync(file!, cancellationToken).ConfigureAwait(false);
            return text.Split('\n')[0].TrimEnd('\r');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliException($"cannot read the password file {file}: {ex.Message}", ex);
        }
    }

    private static async Task RunAsync(DataFolder data, string domainText, string password, string? hostnameText, CancellationToken cancellationToken)
    {
        var domain = MailAddress.NormalizeDomain(domainText);
        var admin = MailAddress.Parse("postmaster@" + domain);
        if (PasswordPolicy.Check(password, admin) is { } weak)
        {
            throw new CliException(weak);
        }

        var hostname = MailAddress.NormalizeDomain(hostnameText ?? "mail." + domain);
        if (data.IsInitialised || System.IO.Directory.Exists(data.DirectoryFolder))
        {
            throw new CliException($"{data.Root} already holds an appliance; use another --data folder");
        }

        var createdRoot = !System.IO.Directory.Exists(data.Root);
        var wroteCertificate = false;
        try
        {
            System.IO.Directory.CreateDirectory(data.Root);
            File.SetUnixFileMode(data.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

            // Settings from the environment at init (ports, directory) are written into the file so later
            // commands find the same appliance without them.
            var options = ApplianceConfiguration.Load(data);
            await WriteConfigAsync(data, options, hostname, domain, cancellationToken).ConfigureAwait(false);
            Console.WriteLine($"created {data.ConfigFile}");

            var certificate = data.Resolve(options.Tls.CertificateFile);
            var key = data.Resolve(options.Tls.KeyFile);
            if (File.Exists(certificate) || File.Exists(key))
            {
                Console.WriteLine($"kept the TLS certificate {certificate} ({Describe(certificate, key)}; key {key})");
            }
            else
            {
                wroteCertificate = true;
                SelfSignedCertificate.Write(hostname, certificate, key);
                Console.WriteLine($"created a self-signed TLS certificate for {hostname}: {certificate} (key {key}, owner-only)");
            }

            var embedded = new EmbeddedDirectory(data.DirectoryFolder, options.Directory);
            embedded.Provision();
            var lease = await embedded.AcquireAsync(SlapdLeaseKind.Command, cancellationToken).ConfigureAwait(false);
            await using (lease.ConfigureAwait(false))
            {
                using var directory = new MailDirectory(embedded.ClientOptions());
                await embedded.SeedAsync(directory.Gateway, cancellationToken).ConfigureAwait(false);
                await directory.Domains.AddAsync(domain, cancellationToken).ConfigureAwait(false);
                await directory.Accounts.AddAsync(admin.ToString(), "Postmaster", password, cancellationToken, role: "admin").ConfigureAwait(false);
            }

            Console.WriteLine($"created the directory (OpenLDAP slapd, mdb) in {data.DirectoryFolder}, listening on 127.0.0.1:{options.Directory.Port} while the appliance runs");
            Console.WriteLine($"created domain {domain}");
            Console.WriteLine($"created administrator {admin}");
            await DkimCommands.GenerateDefaultKeysAsync(data, domain, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            TryRemove(data, createdRoot, wroteCertificate);
            throw;
        }

        // The log's first entry: who made the appliance, for which domain and host. After the try: the appliance is made,
        // and a log that cannot be written is reported as such (exit 1) without taking it back.
        await CommandAudit.RecordAsync(data, OperationsAuditActions.ApplianceInit, domain, $"host {hostname}, administrator {admin}")
            .ConfigureAwait(false);
    }

    private static async Task WriteConfigAsync(DataFolder data, ApplianceOptions options, string hostname, string domain, CancellationToken cancellationToken)
    {
        var listeners = new JsonObject();
        foreach (var (name, listener) in options.Listeners)
        {
            listeners[name] = new JsonObject { ["Port"] = listener.Port };
        }

        var mail = new JsonObject
        {
            ["Hostname"] = hostname,
            ["PrimaryDomain"] = domain,
            ["Listen"] = new JsonObject { ["Address"] = options.Listen.Address },
        };
        foreach (var (name, value) in listeners)
        {
            mail[name] = value?.DeepClone();
        }

        mail["Directory"] = new JsonObject
        {
            ["Mode"] = options.Directory.Mode.ToString(),
            ["Port"] = options.Directory.Port,
            ["BaseDn"] = options.Directory.BaseDn,
        };
        mail["Tls"] = new JsonObject { ["CertificateFile"] = options.Tls.CertificateFile, ["KeyFile"] = options.Tls.KeyFile };
        var json = new JsonObject { [ApplianceOptions.Section] = mail };
        await File.WriteAllTextAsync(data.ConfigFile, json.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", cancellationToken).ConfigureAwait(false);
    }

    // A certificate that was there before init is checked, never replaced: a broken pair stops init with the reason.
    private static string Describe(string certificateFile, string keyFile)
    {
        try
        {
            using var pair = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
            return $"{pair.Subject}, valid until {pair.NotAfter.ToUniversalTime():yyyy-MM-dd}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException or ArgumentException)
        {
            throw new CliException($"the TLS certificate {certificateFile} with key {keyFile} does not load: {ex.Message}", ex);
        }
    }

    private static void TryRemove(DataFolder data, bool createdRoot, bool wroteCertificate)
    {
        try
        {
            if (createdRoot)
            {
                System.IO.Directory.Delete(data.Root, recursive: true);
                return;
            }

            File.Delete(data.ConfigFile);
            if (System.IO.Directory.Exists(data.DirectoryFolder))
            {
                System.IO.Directory.Delete(data.DirectoryFolder, recursive: true);
            }

            foreach (var folder in wroteCertificate ? new[] { data.TlsFolder, data.DkimFolder } : [data.DkimFolder])
            {
                if (System.IO.Directory.Exists(folder))
                {
                    System.IO.Directory.Delete(folder, recursive: true);
                }
            }
        }
        catch (IOException)
        {
            // The first error is what the user needs to see.
        }
    }
}
