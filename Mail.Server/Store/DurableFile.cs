using System.Runtime.InteropServices;

namespace Mail.Server.Store;

/// <summary>Makes a written file and its directory entry survive a crash: fsync the file, rename it into
/// place, fsync the directory (a rename is only durable once the directory is synced).</summary>
internal static partial class DurableFile
{
    private const int ReadOnly = 0;

    public static void SyncDirectory(string directory)
    {
        var fd = Open(directory, ReadOnly);
        if (fd < 0)
        {
            throw new IOException($"cannot open {directory} to sync it (errno {Marshal.GetLastPInvokeError()})");
        }

        try
        {
            if (Fsync(fd) != 0)
            {
                throw new IOException($"fsync of {directory} failed (errno {Marshal.GetLastPInvokeError()})");
            }
        }
        finally
        {
            _ = Close(fd);
        }
    }

    /// <summary>Moves a fully written, fsynced temporary file to its final name durably; returns false when
    /// the final name already existed (content-addressed: the same bytes are already stored). Folders created
    /// on the way below <paramref name="root"/> are synced into their parents too, or a crash could lose the
    /// folder and the file in it.</summary>
    public static bool Publish(string temporary, string final, string root)
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

        if (File.Exists(final))
        {
            File.Delete(temporary);
            return false;
        }

        File.Move(temporary, final, overwrite: false);
        SyncDirectory(directory);
        return true;
    }

    [LibraryImport("libc", EntryPoint = "open", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}
