using System.Runtime.InteropServices;

namespace Mail.Server.Backup;

/// <summary>POSIX sync(2): flushes every file system's written data to disk.</summary>
internal static partial class DiskSync
{
    public static void All() => Sync();

    [LibraryImport("libc", EntryPoint = "sync")]
    private static partial void Sync();
}
