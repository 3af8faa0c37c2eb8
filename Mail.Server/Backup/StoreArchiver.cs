using System.Formats.Tar;
using System.Globalization;
using Mail.Server.Store;

namespace Mail.Server.Backup;

/// <summary>Archives the message store while the appliance may be delivering and expunging: an online snapshot of the
/// index plus every body file it references.</summary>
/// <remarks>Bodies are immutable and are deleted only after the index commit that dropped their last reference. So a
/// body referenced by a snapshot is on disk until an expunge after the snapshot removes it. Bodies are archived as
/// they are opened (an open file stays readable after an unlink); when one has vanished, a new snapshot is taken
/// (which no longer references it) and only its bodies not yet archived are added. A body missing from two
/// snapshots in a row was never there: the store is damaged, the backup says so and goes on.</remarks>
internal sealed class StoreArchiver(string storeFolder, string stagingFolder)
{
    private const int MaxSnapshots = 10;
    private readonly BodyStore _bodies = new(storeFolder);

    public async Task<ArchivedStore> WriteAsync(TarWriter tar, CancellationToken cancellationToken)
    {
        var index = Path.Combine(_bodies.Root, "index.db");
        var archived = new HashSet<string>(StringComparer.Ordinal);
        long bytes = 0;
        IReadOnlyList<string> missingBefore = [];
        for (var attempt = 1; ; attempt++)
        {
            var snapshot = Path.Combine(stagingFolder, string.Create(CultureInfo.InvariantCulture, $"index-{attempt}.db"));
            SqliteSnapshot.Copy(index, snapshot);
            var missing = new List<string>();
            foreach (var hash in SqliteSnapshot.Strings(snapshot, "SELECT hash FROM bodies ORDER BY hash"))
            {
                if (!IsHash(hash))
                {
                    throw new InvalidDataException($"the store index names a body '{hash}' that is not a SHA-256 hash");
                }

                if (archived.Contains(hash))
                {
                    continue;
                }

                var size = await TryArchiveBodyAsync(tar, hash, cancellationToken).ConfigureAwait(false);
                if (size is null)
                {
                    missing.Add(hash);
                    continue;
                }

                archived.Add(hash);
                bytes += size.Value;
            }

            var settled = missing.Count == 0 || missing.SequenceEqual(missingBefore, StringComparer.Ordinal) || attempt == MaxSnapshots;
            if (settled)
            {
                await tar.WriteEntryAsync(snapshot, BackupArchive.StoreIndex, cancellationToken).ConfigureAwait(false);
                var messages = long.Parse(SqliteSnapshot.Strings(snapshot, "SELECT CAST(COUNT(*) AS TEXT) FROM messages")[0], CultureInfo.InvariantCulture);
                var mailboxes = long.Parse(SqliteSnapshot.Strings(snapshot, "SELECT CAST(COUNT(*) AS TEXT) FROM mailboxes")[0], CultureInfo.InvariantCulture);
                File.Delete(snapshot);
                return new ArchivedStore(messages, mailboxes, archived.Count, bytes, missing, attempt);
            }

            File.Delete(snapshot);
            missingBefore = missing;
        }
    }

    private async Task<long?> TryArchiveBodyAsync(TarWriter tar, string hash, CancellationToken cancellationToken)
    {
        FileStream file;
        try
        {
            file = new FileStream(_bodies.PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete, 64 * 1024);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }

        await using (file.ConfigureAwait(false))
        {
            var entry = new PaxTarEntry(TarEntryType.RegularFile, BackupArchive.BodyEntry(_bodies, hash))
            {
                DataStream = file,
                Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
                ModificationTime = File.GetLastWriteTimeUtc(file.SafeFileHandle),
            };
            await tar.WriteEntryAsync(entry, cancellationToken).ConfigureAwait(false);
            return file.Length;
        }
    }

    private static bool IsHash(string hash) => hash.Length == 64 && hash.All(char.IsAsciiHexDigitLower);
}
