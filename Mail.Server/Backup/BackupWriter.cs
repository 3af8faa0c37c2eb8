using System.Diagnostics;
using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Reflection;
using System.Text.Json;
using Mail.Directory;
using Mail.Directory.Embedded;
using Mail.Server.Hosting;

namespace Mail.Server.Backup;

/// <summary>Writes a backup of a data folder, online: the running appliance keeps serving while it is taken. The file
/// appears under its name only when it is complete (written as FILE.partial, fsynced, renamed).</summary>
internal sealed class BackupWriter(DataFolder data, ApplianceOptions options, TextWriter report)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public async Task WriteAsync(string file, CancellationToken cancellationToken)
    {
        var target = Path.GetFullPath(file);
        if (target.StartsWith(data.Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new Cli.CliException($"{target} is inside the data folder: write the backup somewhere else");
        }

        var folder = Path.GetDirectoryName(target)!;
        if (!System.IO.Directory.Exists(folder))
        {
            throw new Cli.CliException($"{folder} does not exist");
        }

        var watch = Stopwatch.StartNew();
        var partial = target + ".partial";
        // Snapshots are staged next to the backup: that is where the operator made room for them.
        var staging = System.IO.Directory.CreateDirectory(Path.Combine(folder, $".mailappliance-backup-{Guid.NewGuid():N}"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        try
        {
            // Owner-only from the start: the archive holds private keys and password hashes.
            var output = new FileStream(partial, new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, UnixCreateMode = OwnerOnly, BufferSize = 1 << 16 });
            await using (output.ConfigureAwait(false))
            {
                File.SetUnixFileMode(partial, OwnerOnly);
                var archive = BackupArchive.IsCompressed(target) ? new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true) : (Stream)output;
                try
                {
                    var tar = new TarWriter(archive, TarEntryFormat.Pax, leaveOpen: true);
                    await using (tar.ConfigureAwait(false))
                    {
                        await WriteEntriesAsync(tar, staging.FullName, cancellationToken).ConfigureAwait(false);
                    }
                }
                finally
                {
                    // Closing the gzip stream writes its trailer; the file itself is closed below.
                    if (archive != output)
                    {
                        await archive.DisposeAsync().ConfigureAwait(false);
                    }
                }

                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
                output.Flush(flushToDisk: true);
            }

            File.Move(partial, target, overwrite: true);
            Store.DurableFile.SyncDirectory(folder);
            await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {target} ({Megabytes(new FileInfo(target).Length)}) in {watch.Elapsed.TotalSeconds:0.0} s")).ConfigureAwait(false);
        }
        catch
        {
            File.Delete(partial);
            throw;
        }
        finally
        {
            staging.Delete(recursive: true);
        }
    }

    private async Task WriteEntriesAsync(TarWriter tar, string staging, CancellationToken cancellationToken)
    {
        var embedded = options.Directory.Mode == DirectoryMode.Embedded;
        var version = typeof(BackupWriter).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        var manifest = new BackupManifest(BackupArchive.Format, DateTimeOffset.UtcNow, options.Hostname, options.PrimaryDomain,
            embedded ? "embedded" : "external", version);
        using (var json = new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(manifest, BackupArchive.Json)))
        {
            await tar.WriteEntryAsync(new PaxTarEntry(TarEntryType.RegularFile, BackupArchive.Manifest) { DataStream = json, Mode = OwnerOnly }, cancellationToken).ConfigureAwait(false);
        }

        await report.WriteLineAsync($"backup of {data.Root} ({options.Hostname}, format {BackupArchive.Format})").ConfigureAwait(false);
        await tar.WriteEntryAsync(data.ConfigFile, BackupArchive.Config, cancellationToken).ConfigureAwait(false);
        await report.WriteLineAsync($"  configuration: {BackupArchive.Config}").ConfigureAwait(false);
        await WriteFolderAsync(tar, data.TlsFolder, "tls", cancellationToken).ConfigureAwait(false);
        foreach (var path in new[] { options.Tls.CertificateFile, options.Tls.KeyFile }.Select(data.Resolve))
        {
            if (!path.StartsWith(data.TlsFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                await report.WriteLineAsync($"  note: {path} is outside the data folder's tls/ and is not in the backup").ConfigureAwait(false);
            }
        }

        await WriteFolderAsync(tar, data.DkimFolder, "dkim", cancellationToken).ConfigureAwait(false);
        if (embedded)
        {
            await WriteDirectoryAsync(tar, staging, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await report.WriteLineAsync($"  directory: external ({options.Directory.Url}), not backed up here").ConfigureAwait(false);
        }

        await WriteStoreAsync(tar, staging, cancellationToken).ConfigureAwait(false);
        await WriteSpoolAsync(tar, staging, cancellationToken).ConfigureAwait(false);
        await WriteAuditLogAsync(tar, staging, cancellationToken).ConfigureAwait(false);
    }

    // Who changed what is a record the authority may be asked for (inspection), so it outlives a move to new hardware.
    // The web admin's other state (its cookie keys) is left out: after a restore everyone signs in again.
    private async Task WriteAuditLogAsync(TarWriter tar, string staging, CancellationToken cancellationToken)
    {
        var written = await WriteSnapshotAsync(tar, staging, Path.Combine(data.WebFolder, "audit.db"), BackupArchive.AuditLog, cancellationToken).ConfigureAwait(false);
        await report.WriteLineAsync(written ? $"  audit log: {BackupArchive.AuditLog}" : "  audit log: empty").ConfigureAwait(false);
    }

    // An online copy of a SQLite database (consistent while the appliance writes it) as the entry NAME; false when absent.
    private static async Task<bool> WriteSnapshotAsync(TarWriter tar, string staging, string database, string name, CancellationToken cancellationToken)
    {
        if (!File.Exists(database))
        {
            return false;
        }

        var snapshot = Path.Combine(staging, Path.GetFileName(database));
        SqliteSnapshot.Copy(database, snapshot);
        await tar.WriteEntryAsync(snapshot, name, cancellationToken).ConfigureAwait(false);
        File.Delete(snapshot);
        return true;
    }

    private async Task WriteFolderAsync(TarWriter tar, string folder, string name, CancellationToken cancellationToken)
    {
        var count = 0;
        if (System.IO.Directory.Exists(folder))
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
            {
                // Links are not followed out of the data folder; dot files are locks (dkim/DOMAIN/.lock), not data.
                if (new FileInfo(path).LinkTarget is not null || Path.GetFileName(path).StartsWith('.'))
                {
                    continue;
                }

                var relative = Path.GetRelativePath(data.Root, path).Replace(Path.DirectorySeparatorChar, '/');
                await tar.WriteEntryAsync(path, relative, cancellationToken).ConfigureAwait(false);
                count++;
            }
        }

        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {name}: {count} files")).ConfigureAwait(false);
    }

    private async Task WriteDirectoryAsync(TarWriter tar, string staging, CancellationToken cancellationToken)
    {
        var ldif = Path.Combine(staging, "directory.ldif");
        await new EmbeddedDirectory(data.DirectoryFolder, options.Directory).ExportAsync(ldif, cancellationToken).ConfigureAwait(false);
        await tar.WriteEntryAsync(ldif, BackupArchive.DirectoryExport, cancellationToken).ConfigureAwait(false);
        var entries = File.ReadLines(ldif).Count(line => line.StartsWith("dn:", StringComparison.Ordinal));
        File.Delete(ldif);
        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  directory: {entries} entries (slapcat of the embedded mdb)")).ConfigureAwait(false);
    }

    private async Task WriteStoreAsync(TarWriter tar, string staging, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(data.StoreFolder, "index.db")))
        {
            await report.WriteLineAsync("  store: empty (no mail delivered yet)").ConfigureAwait(false);
            return;
        }

        var store = await new StoreArchiver(data.StoreFolder, staging).WriteAsync(tar, cancellationToken).ConfigureAwait(false);
        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"  store: {store.Messages} messages in {store.Mailboxes} mailboxes, {store.Bodies} bodies ({Megabytes(store.Bytes)}), index snapshots taken: {store.Snapshots}")).ConfigureAwait(false);
        foreach (var hash in store.Missing)
        {
            await report.WriteLineAsync($"  warning: body {hash} is referenced by the index but missing from the store; run 'verify'").ConfigureAwait(false);
        }
    }

    private async Task WriteSpoolAsync(TarWriter tar, string staging, CancellationToken cancellationToken)
    {
        // The queue's rows and files need not match exactly: the spool's recovery at start requeues a file without rows
        // and drops rows without a file, as after a crash.
        if (!await WriteSnapshotAsync(tar, staging, Path.Combine(data.SpoolFolder, "queue.db"), BackupArchive.QueueDatabase, cancellationToken).ConfigureAwait(false))
        {
            await report.WriteLineAsync("  spool: empty").ConfigureAwait(false);
            return;
        }

        var count = 0;
        foreach (var path in System.IO.Directory.EnumerateFiles(data.SpoolFolder, "*.msg").Order(StringComparer.Ordinal))
        {
            var id = Path.GetFileNameWithoutExtension(path);
            if (!Queue.OutboundSpool.IsId(id))
            {
                continue;
            }

            try
            {
                await tar.WriteEntryAsync(path, BackupArchive.SpoolEntry(id), cancellationToken).ConfigureAwait(false);
                count++;
            }
            catch (FileNotFoundException)
            {
                // Delivered and removed while the backup ran.
            }
        }

        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  spool: {count} queued messages")).ConfigureAwait(false);
    }

    private static string Megabytes(long bytes) => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1048576.0:0.0} MB");
}
