using System.Globalization;
using System.Runtime.InteropServices;

namespace Mail.Server.Hosting;

/// <summary>Who owns a folder (its uid and gid, and the user name from /etc/passwd when there is one).</summary>
internal static partial class FolderOwner
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;

    // struct statx has the same layout on every architecture (unlike struct stat): stx_uid and stx_gid are the u32s at
    // offsets 20 and 24.
    private const int StatxSize = 256;
    private const int UidOffset = 20;
    private const int GidOffset = 24;

    /// <summary>The owner's uid and gid, or null when the folder does not exist or cannot be examined (a C library
    /// without statx included).</summary>
    public static (uint Uid, uint Gid)? Of(string path)
    {
        var buffer = new byte[StatxSize];
        try
        {
            return Statx(AtFdCwd, path, 0, StatxUid | StatxGid, buffer) == 0
                ? (BitConverter.ToUInt32(buffer, UidOffset), BitConverter.ToUInt32(buffer, GidOffset))
                : null;
        }
        catch (Exception ex) when (ex is EntryPointNotFoundException or DllNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The user name of <paramref name="uid"/> from /etc/passwd, else "uid N".</summary>
    public static string NameOf(uint uid)
    {
        var text = uid.ToString(CultureInfo.InvariantCulture);
        try
        {
            foreach (var line in File.ReadLines("/etc/passwd"))
            {
                var fields = line.Split(':');
                if (fields.Length > 2 && fields[2] == text)
                {
                    return fields[0];
                }
            }
        }
        catch (IOException)
        {
            // No passwd file to read (a minimal container): the number has to do.
        }

        return "uid " + text;
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Statx(int dirfd, string path, int flags, uint mask, [Out] byte[] buffer);
}
