using System.Security.Cryptography;

namespace Mail.Server.Store;

/// <summary>Immutable, content-addressed message bodies: written once to a temporary file, fsynced, then
/// published under their SHA-256, so a message to 500 recipients is one file.</summary>
/// <remarks>A store made by this version keeps bodies in <c>blobs/XX/HASH</c>, its 256 folders made with the store, so
/// publishing a body never creates a folder (a mkdir and a parent fsync per message while the store was young, with the
/// 65,536 folders of two levels). A store that has <c>bodies/</c> and no <c>blobs/</c> was made by an earlier
/// version and keeps its <c>bodies/XX/YY/HASH</c> layout.</remarks>
public sealed class BodyStore
{
    private const int BufferSize = 64 * 1024;
    private const string FlatFolder = "blobs";
    private const string TwoLevelFolder = "bodies";
    private readonly bool _twoLevels;

    /// <summary>Keeps bodies under <paramref name="root"/> (DATA/store).</summary>
    public BodyStore(string root)
    {
        Root = Path.GetFullPath(root);
        TemporaryFolder = Path.Combine(Root, "tmp");
        _twoLevels = !System.IO.Directory.Exists(Path.Combine(Root, FlatFolder)) && System.IO.Directory.Exists(Path.Combine(Root, TwoLevelFolder));
        BodiesFolder = Path.Combine(Root, _twoLevels ? TwoLevelFolder : FlatFolder);
        System.IO.Directory.CreateDirectory(TemporaryFolder);
        if (!_twoLevels)
        {
            CreateFanOut();
        }
    }

    /// <summary>The store folder.</summary>
    public string Root { get; }

    /// <summary>Where bodies are written before they are published.</summary>
    public string TemporaryFolder { get; }

    /// <summary>Where published bodies live (two levels of fan-out).</summary>
    public string BodiesFolder { get; }

    /// <summary>The final path of a body.</summary>
    public string PathOf(string hash) => Path.Combine(Root, RelativePathOf(hash));

    /// <summary>A body's path below <see cref="Root"/>, with '/' (as a backup names it).</summary>
    public string RelativePathOf(string hash) =>
        _twoLevels ? $"{TwoLevelFolder}/{hash[..2]}/{hash[2..4]}/{hash}" : $"{FlatFolder}/{hash[..2]}/{hash}";

    /// <summary>Copies <paramref name="source"/> to a durable body file; when it returns, the bytes are on disk.</summary>
    public async Task<StoredBody> PutAsync(Stream source, CancellationToken cancellationToken)
    {
        var temporary = Path.Combine(TemporaryFolder, Guid.NewGuid().ToString("N"));
        string hash;
        long size;
        try
        {
            using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            // Synchronous writes: on Linux asynchronous file I/O is a thread-pool hop per call, and the fsync
            // blocks either way.
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, BufferSize))
            {
                var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(BufferSize);
                try
                {
                    int read;
                    while ((read = await source.ReadAsync(buffer.AsMemory(0, BufferSize), cancellationToken).ConfigureAwait(false)) > 0)
                    {
                        sha.AppendData(buffer, 0, read);
                        file.Write(buffer, 0, read);
                    }
                }
                finally
                {
                    System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
                }

                file.Flush(flushToDisk: true);
                size = file.Length;
            }

            hash = Convert.ToHexStringLower(sha.GetHashAndReset());
            DurableFile.Publish(temporary, PathOf(hash), BodiesFolder);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return new StoredBody(hash, size);
    }

    /// <summary>Publishes a small body under its hash without syncing it: the caller keeps the bytes durable elsewhere
    /// (the index's staged copy) until <see cref="SyncPublished"/> has synced the file. Readers see the whole file or none
    /// (written under a temporary name, then renamed).</summary>
    public StoredBody PutUnsynced(ReadOnlySpan<byte> bytes)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(bytes));
        var final = PathOf(hash);
        if (File.Exists(final))
        {
            return new StoredBody(hash, bytes.Length);
        }

        var temporary = WriteTemporary(bytes, sync: false);
        try
        {
            DurableFile.Rename(temporary, final, BodiesFolder);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return new StoredBody(hash, bytes.Length);
    }

    /// <summary>Writes a body's file again from its durable copy and syncs it (recovery after a power loss may find
    /// the unsynced file empty, short or missing).</summary>
    public void Rewrite(string hash, ReadOnlySpan<byte> bytes) => DurableFile.Replace(WriteTemporary(bytes, sync: true), PathOf(hash), BodiesFolder);

    /// <summary>Syncs bodies published by <see cref="PutUnsynced"/>, then the folders that name them. When it returns,
    /// every one of them that exists is on disk; returns those that do not (deleted since, or lost).</summary>
    public IReadOnlyList<string> SyncPublished(IEnumerable<string> hashes)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var hash in hashes)
        {
            var path = PathOf(hash);
            if (DurableFile.SyncFile(path))
            {
                folders.Add(Path.GetDirectoryName(path)!);
            }
            else
            {
                missing.Add(hash);
            }
        }

        foreach (var folder in folders)
        {
            DurableFile.SyncDirectory(folder);
        }

        return missing;
    }

    /// <summary>At recovery: writes a staged body's file again, unsynced, unless it holds exactly the bytes of its
    /// hash already (after a kill the page cache kept it; after a power loss it may be empty, short or gone). The
    /// caller syncs the file system once afterwards (<see cref="SyncAll"/>).</summary>
    public void Restore(string hash, byte[] bytes)
    {
        var final = PathOf(hash);
        if (Intact(final, hash))
        {
            return;
        }

        DurableFile.Rename(WriteTemporary(bytes, sync: false), final, BodiesFolder, replace: true);
    }

    /// <summary>Flushes everything written to the store's file system.</summary>
    public void SyncAll() => DurableFile.SyncFileSystem(Root);

    // A new file in the temporary folder holding the bytes (synced when asked) for the caller to move into place.
    private string WriteTemporary(ReadOnlySpan<byte> bytes, bool sync)
    {
        var temporary = Path.Combine(TemporaryFolder, Guid.NewGuid().ToString("N"));
        try
        {
            using var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 0);
            file.Write(bytes);
            if (sync)
            {
                file.Flush(flushToDisk: true);
            }
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        return temporary;
    }

    private static bool Intact(string path, string hash)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 0);
            return Convert.ToHexStringLower(SHA256.HashData(file)) == hash;
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return false;
        }
    }

    /// <summary>Opens a body for reading.</summary>
    public Stream OpenRead(string hash) =>
        new FileStream(PathOf(hash), FileMode.Open, FileAccess.Read, FileShare.Read, BufferSize, FileOptions.Asynchronous);

    /// <summary>Deletes a body whose last reference is gone.</summary>
    public void Delete(string hash) => File.Delete(PathOf(hash));

    /// <summary>Every published body hash on disk (for recovery and verification).</summary>
    public IEnumerable<string> EnumerateHashes() =>
        System.IO.Directory.EnumerateFiles(BodiesFolder, "*", SearchOption.AllDirectories).Select(Path.GetFileName).OfType<string>();

    // The 256 folders, made durable once: what a crash takes back before the first delivery is made again at the next
    // start, and Publish still makes (and syncs) a folder that is missing.
    private void CreateFanOut()
    {
        var created = !System.IO.Directory.Exists(BodiesFolder);
        System.IO.Directory.CreateDirectory(BodiesFolder);
        for (var i = 0; i < 256; i++)
        {
            var folder = Path.Combine(BodiesFolder, i.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            if (!System.IO.Directory.Exists(folder))
            {
                System.IO.Directory.CreateDirectory(folder);
                created = true;
            }
        }

        if (created)
        {
            DurableFile.SyncDirectory(BodiesFolder);
            DurableFile.SyncDirectory(Root);
        }
    }

    /// <summary>Removes temporary files left by a crash before a body was published.</summary>
    public int RemoveTemporaryFiles()
    {
        var removed = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(TemporaryFolder))
        {
            File.Delete(file);
            removed++;
        }

        return removed;
    }
}
