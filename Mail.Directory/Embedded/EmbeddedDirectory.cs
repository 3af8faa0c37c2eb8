using System.Diagnostics;
using System.DirectoryServices.Protocols;
using System.Globalization;
using System.Net.Sockets;
using System.Security.Cryptography;
using Mail.Directory.Ldap;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mail.Directory.Embedded;

/// <summary>The slapd the appliance provisions in its data folder and supervises: one owner process at a
/// time (a file lock), loopback only, stale instances from killed runs cleaned up before a new start.</summary>
public sealed class EmbeddedDirectory
{
    private const string SlapdBinary = "/usr/sbin/slapd";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(60);

    private readonly DirectoryOptions _options;
    private readonly ILogger _logger;

    /// <summary>Describes the embedded directory kept in <paramref name="root"/> (DATA/directory).</summary>
    public EmbeddedDirectory(string root, DirectoryOptions options, ILoggerFactory? loggerFactory = null)
    {
        Paths = new EmbeddedDirectoryPaths(root);
        _options = options;
        _logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<EmbeddedDirectory>();
    }

    /// <summary>Its files.</summary>
    public EmbeddedDirectoryPaths Paths { get; }

    /// <summary>True once <see cref="Provision"/> has run.</summary>
    public bool IsProvisioned => File.Exists(Paths.Secret) && System.IO.Directory.Exists(Paths.Database);

    /// <summary>Creates the folder, the schema file, the database folder and the appliance's own secret.</summary>
    public void Provision()
    {
        System.IO.Directory.CreateDirectory(Paths.Root);
        File.SetUnixFileMode(Paths.Root, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        System.IO.Directory.CreateDirectory(Paths.Database);
        WriteSchema();
        var secret = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        using (var stream = new FileStream(Paths.Secret, FileMode.CreateNew, FileAccess.Write, FileShare.None))
        {
            File.SetUnixFileMode(Paths.Secret, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var writer = new StreamWriter(stream);
            writer.Write(secret);
        }
    }

    /// <summary>A copy of the options with the appliance's own credentials, for one client to use.</summary>
    public DirectoryOptions ClientOptions()
    {
        var copy = _options.Copy();
        copy.BindDn = new DirectoryLayout(_options.BaseDn).AdminDn;
        copy.BindPassword = File.ReadAllText(Paths.Secret).Trim();
        return copy;
    }

    /// <summary>Makes sure slapd runs for this data folder: starts it (and owns it) when nobody does, or
    /// shares the one a running appliance owns. A command waits while another command owns it.</summary>
    public async Task<SlapdLease> AcquireAsync(SlapdLeaseKind kind, CancellationToken cancellationToken)
    {
        if (!IsProvisioned)
        {
            throw new DirectoryRequestRejectedException($"no directory in {Paths.Root}: run 'init' first");
        }

        var deadline = DateTime.UtcNow + BusyTimeout;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var ownerLock = TryLock();
            if (ownerLock is not null)
            {
                try
                {
                    return await StartOwnedAsync(ownerLock, kind, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    await ownerLock.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
            }

            var (ownerKind, ownerPid, slapdPid) = ReadOwner();
            if (ownerKind == SlapdLeaseKind.Service && UnixProcess.IsAlive(ownerPid))
            {
                if (kind == SlapdLeaseKind.Service)
                {
                    throw new DirectoryRequestRejectedException($"the appliance is already running on this data folder (pid {ownerPid})");
                }

                await WaitForPortAsync(null, cancellationToken).ConfigureAwait(false);
                return new SlapdLease(Paths, null, slapdPid, _logger);
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new DirectoryUnavailableException("the directory is busy: another command holds it");
            }

            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Adds the fixed entries every appliance tree has (root, placeholder member, containers).</summary>
    public async Task SeedAsync(LdapGateway gateway, CancellationToken cancellationToken)
    {
        var layout = new DirectoryLayout(_options.BaseDn);
        var rdnValue = _options.BaseDn[(_options.BaseDn.IndexOf('=', StringComparison.Ordinal) + 1)..].Split(',')[0];
        AddRequest[] entries =
        [
            new(layout.BaseDn, new DirectoryAttribute("objectClass", "organization"), new DirectoryAttribute("o", rdnValue)),
            new(layout.NobodyDn, new DirectoryAttribute("objectClass", "organizationalRole"), new DirectoryAttribute("cn", "nobody"),
                new DirectoryAttribute("description", "Placeholder member that keeps empty groups valid")),
            new(layout.DomainsDn, new DirectoryAttribute("objectClass", "organizationalUnit"), new DirectoryAttribute("ou", "domains")),
            new(layout.ContactsDn, new DirectoryAttribute("objectClass", "organizationalUnit"), new DirectoryAttribute("ou", "contacts")),
        ];
        foreach (var entry in entries)
        {
            try
            {
                await gateway.SendAsync<AddResponse>(entry, cancellationToken).ConfigureAwait(false);
            }
            catch (DirectoryOperationException ex) when (ex.Response?.ResultCode == ResultCode.EntryAlreadyExists)
            {
                // Seeding twice is harmless.
            }
        }
    }

    /// <summary>Writes every entry of the directory to <paramref name="ldifFile"/> with slapcat. Safe while slapd runs:
    /// mdb gives the reader a consistent snapshot and never blocks the writer.</summary>
    public async Task ExportAsync(string ldifFile, CancellationToken cancellationToken)
    {
        if (!IsProvisioned)
        {
            throw new DirectoryRequestRejectedException($"no directory in {Paths.Root}: run 'init' first");
        }

        await RunToolAsync(SlapdTool.Slapcat, ["-b", _options.BaseDn, "-l", ldifFile], cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads a slapcat export into this directory, which must be provisioned and hold no database yet
    /// (slapadd writes the mdb files directly, so no slapd may run on them).</summary>
    public async Task ImportAsync(string ldifFile, CancellationToken cancellationToken)
    {
        if (!IsProvisioned)
        {
            throw new DirectoryRequestRejectedException($"no directory in {Paths.Root}: provision it first");
        }

        if (System.IO.Directory.EnumerateFileSystemEntries(Paths.Database).Any())
        {
            throw new DirectoryRequestRejectedException($"{Paths.Database} already holds a database: import only into a new directory");
        }

        WriteSchema();
        await RunToolAsync(SlapdTool.Slapadd, ["-q", "-l", ldifFile], cancellationToken).ConfigureAwait(false);
    }

    private async Task RunToolAsync(string tool, string[] arguments, CancellationToken cancellationToken)
    {
        var config = Path.Combine(Paths.Root, $"slapd-tool-{Guid.NewGuid():N}.conf");
        SlapdConfigWriter.Write(Paths, _options, File.ReadAllText(Paths.Secret).Trim(), config);
        try
        {
            await SlapdTool.RunAsync(tool, ["-f", config, .. arguments], cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            File.Delete(config);
        }
    }

    private FileStream? TryLock()
    {
        try
        {
            // On Linux FileShare.None takes an flock, released by the kernel if this process dies.
            return new FileStream(Paths.LockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }

    private async Task<SlapdLease> StartOwnedAsync(FileStream ownerLock, SlapdLeaseKind kind, CancellationToken cancellationToken)
    {
        await StopStaleAsync().ConfigureAwait(false);
        WriteSchema();
        SlapdConfigWriter.Write(Paths, _options, File.ReadAllText(Paths.Secret).Trim());
        if (!File.Exists(SlapdBinary))
        {
            throw new DirectoryUnavailableException($"{SlapdBinary} is missing: install the Debian packages slapd and ldap-utils");
        }

        var url = $"ldap://127.0.0.1:{_options.Port.ToString(CultureInfo.InvariantCulture)}/";
        var start = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("exec \"$0\" -f \"$1\" -h \"$2\" -d 0 >>\"$3\" 2>&1 </dev/null");
        start.ArgumentList.Add(SlapdBinary);
        start.ArgumentList.Add(Paths.Config);
        start.ArgumentList.Add(url);
        start.ArgumentList.Add(Paths.LogFile);
        using var process = Process.Start(start) ?? throw new DirectoryUnavailableException("slapd could not be started");
        var pid = process.Id;
        try
        {
            await WaitForPortAsync(process, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await UnixProcess.StopAsync(pid, TimeSpan.FromSeconds(5)).ConfigureAwait(false);
            throw;
        }

        var owner = $"{(kind == SlapdLeaseKind.Service ? "service" : "command")} {Environment.ProcessId} {pid}";
        await File.WriteAllTextAsync(Paths.OwnerFile, owner, cancellationToken).ConfigureAwait(false);
        _logger.SlapdStarted(pid, url);
        return new SlapdLease(Paths, ownerLock, pid, _logger);
    }

    private async Task StopStaleAsync()
    {
        if (!File.Exists(Paths.PidFile))
        {
            return;
        }

        if (int.TryParse(File.ReadAllText(Paths.PidFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid)
            && UnixProcess.IsAlive(pid) && UnixProcess.CommandLine(pid).Contains(Paths.Config, StringComparison.Ordinal))
        {
            _logger.StaleSlapd(pid);
            await UnixProcess.StopAsync(pid, TimeSpan.FromSeconds(15)).ConfigureAwait(false);
        }

        File.Delete(Paths.PidFile);
    }

    private async Task WaitForPortAsync(Process? process, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow + StartTimeout;
        while (true)
        {
            using (var client = new TcpClient())
            {
                try
                {
                    await client.ConnectAsync("127.0.0.1", _options.Port, cancellationToken).ConfigureAwait(false);
                    return;
                }
                catch (SocketException)
                {
                    // Not listening yet.
                }
            }

            if (process is { HasExited: true })
            {
                throw new DirectoryUnavailableException($"slapd exited at start ({LastLogLine()}); is port {_options.Port} in use?");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new DirectoryUnavailableException($"slapd did not listen on 127.0.0.1:{_options.Port} within {StartTimeout.TotalSeconds:0} s");
            }

            await Task.Delay(20, cancellationToken).ConfigureAwait(false);
        }
    }

    private (SlapdLeaseKind Kind, int OwnerPid, int SlapdPid) ReadOwner()
    {
        try
        {
            var parts = File.ReadAllText(Paths.OwnerFile).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 3 && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var owner)
                && int.TryParse(parts[2], CultureInfo.InvariantCulture, out var slapd))
            {
                return (parts[0] == "service" ? SlapdLeaseKind.Service : SlapdLeaseKind.Command, owner, slapd);
            }
        }
        catch (IOException)
        {
            // No owner recorded yet: the owner is still starting.
        }

        return (SlapdLeaseKind.Command, 0, 0);
    }

    private string LastLogLine()
    {
        try
        {
            return File.ReadLines(Paths.LogFile).LastOrDefault(l => l.Trim().Length > 0)?.Trim() ?? "no output";
        }
        catch (IOException)
        {
            return "no output";
        }
    }

    private void WriteSchema()
    {
        using var resource = typeof(EmbeddedDirectory).Assembly.GetManifestResourceStream("mailappliance.schema")
            ?? throw new InvalidOperationException("the appliance schema is missing from the build");
        using var file = File.Create(Paths.Schema);
        resource.CopyTo(file);
    }
}
