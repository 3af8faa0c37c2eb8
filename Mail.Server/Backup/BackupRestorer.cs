using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using Mail.Directory;
using Mail.Directory.Embedded;
using Mail.Server.Cli;
using Mail.Server.Hosting;
using Mail.Server.Queue;
using Mail.Server.Store;

namespace Mail.Server.Backup;

/// <summary>Turns a backup into a new data folder that <c>run</c> starts from: files written owner-only, the
/// directory loaded with slapadd, and the store and spool put through the same recovery as after a crash. The target
/// must be new or empty; on failure it is left as it was found.</summary>
internal sealed class BackupRestorer(TextWriter report)
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public async Task RestoreAsync(string file, DataFolder target, CancellationToken cancellationToken)
    {
        if (!File.Exists(file))
        {
            throw new CliException($"{Path.GetFullPath(file)} does not exist");
        }

        var existed = System.IO.Directory.Exists(target.Root);
        if (existed && System.IO.Directory.EnumerateFileSystemEntries(target.Root).Any())
        {
            throw new CliException($"{target.Root} is not empty: restore only into a new or empty folder");
        }

        System.IO.Directory.CreateDirectory(target.Root, OwnerOnlyFolder);
        File.SetUnixFileMode(target.Root, OwnerOnlyFolder);
        try
        {
            var manifest = await ExtractAsync(file, target, cancellationToken).ConfigureAwait(false);
            await report.WriteLineAsync($"restoring a backup of {manifest.Hostname} ({manifest.PrimaryDomain}) taken {manifest.Created:u} into {target.Root}").ConfigureAwait(false);
            if (!target.IsInitialised)
            {
                throw new CliException($"{file} holds no {BackupArchive.Config}");
            }

            var options = ApplianceConfiguration.Load(target);
            await ImportDirectoryAsync(target, options, manifest, cancellationToken).ConfigureAwait(false);
            RecoverStore(target);

            // One sync of everything written instead of an fsync per file: a restore of many bodies stays fast, and it
            // only says it is done once all of it is on disk.
            DiskSync.All();
            await report.WriteLineAsync($"restored {target.Root}; start it with: mailappliance run --data {target.Root}").ConfigureAwait(false);
        }
        catch
        {
            Empty(target.Root, removeFolder: !existed);
            throw;
        }
    }

    private static async Task<BackupManifest> ExtractAsync(string file, DataFolder target, CancellationToken cancellationToken)
    {
        var input = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.Asynchronous);
        await using (input.ConfigureAwait(false))
        {
            // gzip by its magic number, whatever the file is called.
            var magic = new byte[2];
            var read = await input.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            input.Position = 0;
            var archive = read == 2 && magic[0] == 0x1f && magic[1] == 0x8b ? new GZipStream(input, CompressionMode.Decompress, leaveOpen: true) : (Stream)input;
            try
            {
                var tar = new TarReader(archive, leaveOpen: true);
                await using (tar.ConfigureAwait(false))
                {
                    return await ExtractEntriesAsync(tar, file, target, cancellationToken).ConfigureAwait(false);
                }
            }
            finally
            {
                if (archive != input)
                {
                    await archive.DisposeAsync().ConfigureAwait(false);
                }
            }
        }
    }

    private static async Task<BackupManifest> ExtractEntriesAsync(TarReader tar, string file, DataFolder target, CancellationToken cancellationToken)
    {
        BackupManifest? manifest = null;
        try
        {
            while (await tar.GetNextEntryAsync(copyData: false, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                if (manifest is null)
                {
                    manifest = await ReadManifestAsync(entry, file, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (entry.EntryType == TarEntryType.Directory)
                {
                    continue;
                }

                if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || !BackupArchive.IsAllowed(entry.Name))
                {
                    throw new CliException($"{file} holds an entry restore does not accept: {entry.Name} ({entry.EntryType})");
                }

                var path = Path.Combine(target.Root, entry.Name.Replace('/', Path.DirectorySeparatorChar));
                CreateFolders(target.Root, Path.GetDirectoryName(path)!);
                var output = new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = OwnerOnlyFile });
                await using (output.ConfigureAwait(false))
                {
                    if (entry.DataStream is { } data)
                    {
                        await data.CopyToAsync(output, cancellationToken).ConfigureAwait(false);
                    }
                }

                File.SetLastWriteTimeUtc(path, entry.ModificationTime.UtcDateTime);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException)
        {
            throw new CliException($"{file} is not a MailAppliance backup or is damaged ({ex.Message})", ex);
        }

        return manifest ?? throw new CliException($"{file} is empty, not a backup");
    }

    private static async Task<BackupManifest> ReadManifestAsync(TarEntry entry, string file, CancellationToken cancellationToken)
    {
        if (entry.Name != BackupArchive.Manifest || entry.DataStream is null)
        {
            throw new CliException($"{file} is not a MailAppliance backup (it does not start with {BackupArchive.Manifest})");
        }

        BackupManifest? manifest;
        try
        {
            manifest = await JsonSerializer.DeserializeAsync<BackupManifest>(entry.DataStream, BackupArchive.Json, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            throw new CliException($"{file} has an unreadable {BackupArchive.Manifest}: {ex.Message}", ex);
        }

        if (manifest is null || manifest.Format != BackupArchive.Format)
        {
            throw new CliException(string.Create(CultureInfo.InvariantCulture,
                $"{file} is a backup in format {manifest?.Format}, which this version (format {BackupArchive.Format}) cannot restore"));
        }

        return manifest;
    }

    private async Task ImportDirectoryAsync(DataFolder target, ApplianceOptions options, BackupManifest manifest, CancellationToken cancellationToken)
    {
        var ldif = Path.Combine(target.Root, BackupArchive.DirectoryExport.Replace('/', Path.DirectorySeparatorChar));
        if (manifest.Directory != "embedded")
        {
            await report.WriteLineAsync("  directory: external, nothing to restore here").ConfigureAwait(false);
            return;
        }

        if (!File.Exists(ldif))
        {
            throw new CliException($"the backup of an embedded directory holds no {BackupArchive.DirectoryExport}");
        }

        // A new appliance secret: the directory's own root password is never part of the export, only derived from it.
        var embedded = new EmbeddedDirectory(target.DirectoryFolder, options.Directory);
        embedded.Provision();
        await embedded.ImportAsync(ldif, cancellationToken).ConfigureAwait(false);
        var entries = File.ReadLines(ldif).Count(line => line.StartsWith("dn:", StringComparison.Ordinal));
        File.Delete(ldif);
        await report.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  directory: {entries} entries loaded (slapadd)")).ConfigureAwait(false);
    }

    private void RecoverStore(DataFolder target)
    {
        if (File.Exists(Path.Combine(target.StoreFolder, "index.db")))
        {
            // Bodies archived from an earlier index snapshot that the final one no longer references are dropped here.
            var store = new MessageStore(target.StoreFolder);
            store.Recover();
            report.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  store: {store.Index.BodyReferences().Count} bodies indexed"));
        }

        if (File.Exists(Path.Combine(target.SpoolFolder, "queue.db")))
        {
            var recovery = new OutboundSpool(target.SpoolFolder).Recover();
            report.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  spool: {recovery.Requeued} messages requeued from their files, {recovery.Dropped} rows without a file dropped"));
        }
    }

    private static void CreateFolders(string root, string folder)
    {
        if (folder.Length <= root.Length || System.IO.Directory.Exists(folder))
        {
            return;
        }

        CreateFolders(root, Path.GetDirectoryName(folder)!);
        System.IO.Directory.CreateDirectory(folder, OwnerOnlyFolder);
    }

    private static void Empty(string root, bool removeFolder)
    {
        try
        {
            if (removeFolder)
            {
                System.IO.Directory.Delete(root, recursive: true);
                return;
            }

            foreach (var folder in System.IO.Directory.EnumerateDirectories(root))
            {
                System.IO.Directory.Delete(folder, recursive: true);
            }

            foreach (var path in System.IO.Directory.EnumerateFiles(root))
            {
                File.Delete(path);
            }
        }
        catch (IOException)
        {
            // The first error is what the operator needs to see.
        }
    }
}
