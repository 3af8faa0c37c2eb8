using System.Runtime.InteropServices;

namespace Mail.Server.Store;

/// <summary>Makes a written file and its directory entry survive a crash: fsync the file, rename it into
/// place, fsync the directory (a rename is only durable once the directory is synced).</summary>
internal static partial class DurableFile
{
    private const int ReadOnly = 0;
    private const int NoSuchFile = 2;

    public static void SyncDirectory(string directory) => Sync(directory, Fsync, "fsync", missingIsFalse: false);

    /// <summary>Moves a fully written, fsynced temporary file to its final name durably; returns false when
    /// the final name already existed (content-addressed: the same bytes are already stored).</summary>
    public static bool Publish(string temporary, string final, string root)
    {
        var directory = EnsureFolder(final, root);
        if (File.Exists(final))
        {
            // The file there may be a staged body's, not yet synced: this delivery's 250 relies on it now.
            File.Delete(temporary);
            SyncFile(final);
            SyncDirectory(directory);
            return false;
        }

        File.Move(temporary, final, overwrite: false);
        SyncDirectory(directory);
        return true;
    }

    /// <summary>Moves a fully written, fsynced temporary file over whatever its final name holds, durably.</summary>
    public static void Replace(string temporary, string final, string root)
    {
        var directory = EnsureFolder(final, root);
        File.Move(temporary, final, overwrite: true);
        SyncDirectory(directory);
    }

    /// <summary>Fsyncs a file written earlier; false when it no longer exists.</summary>
    public static bool SyncFile(string path) => Sync(path, Fsync, "fsync", missingIsFalse: true);

    /// <summary>Flushes everything written on the file system that holds <paramref name="path"/> (syncfs), files and
    /// folder entries alike: one call for the many files recovery may have written.</summary>
    public static void SyncFileSystem(string path) => Sync(path, SyncFs, "syncfs", missingIsFalse: false);

    /// <summary>Moves a written (not yet synced) temporary file to its final name, creating the folder if needed;
    /// unless <paramref name="replace"/>, the same bytes already published under that name win and the temporary file
    /// goes.</summary>
    public static void Rename(string temporary, string final, string root, bool replace = false)
    {
        EnsureFolder(final, root);
        try
        {
            File.Move(temporary, final, overwrite: replace);
        }
        catch (IOException) when (File.Exists(final))
        {
            File.Delete(temporary);
        }
    }

    // Folders created on the way below root are synced into their parents, or a crash could lose the folder and the
    // file in it.
    private static string EnsureFolder(string final, string root)
    {
        var directory = Path.GetDirectoryName(final)!;
        if (!System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.CreateDirectory(directory);
            for (var created = directory; created.Length > root.Length && Path.GetDirectoryName(created) is { } parent; created = parent)
            {
                SyncDirectory(parent);
            }
        }

        return directory;
    }

    // Opens the path read-only (a folder too), applies fsync or syncfs to it and closes it; a path that does not exist
    // is false when the caller allows it, every other failure an IOException naming the path and the errno.
    private static bool Sync(string path, Func<int, int> sync, string name, bool missingIsFalse)
    {
        var fd = Open(path, ReadOnly);
        if (fd < 0)
        {
            var errno = Marshal.GetLastPInvokeError();
            return errno == NoSuchFile && missingIsFalse ? false : throw new IOException($"cannot open {path} for {name} (errno {errno})");
        }

        try
        {
            return sync(fd) == 0 ? true : throw new IOException($"{name} of {path} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "syncfs", SetLastError = true)]
    private static partial int SyncFs(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
