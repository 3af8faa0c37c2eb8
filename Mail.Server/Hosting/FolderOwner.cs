using System.Globalization;
using System.Runtime.InteropServices;

namespace Mail.Server.Hosting;

/// <summary>Who owns a folder (its uid, and the user name from /etc/passwd when there is one).</summary>
internal static partial class FolderOwner
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;

    // struct statx has the same layout on every architecture (unlike struct stat): stx_uid is the u32 at offset 20.
    private const int StatxSize = 256;
    private const int UidOffset = 20;

    /// <summary>The owner's uid, or null when the folder does not exist or cannot be examined.</summary>
    public static uint? UidOf(string path)
    {
        var buffer = new byte[StatxSize];
        return Statx(AtFdCwd, path, 0, StatxUid, buffer) == 0 ? BitConverter.ToUInt32(buffer, UidOffset) : null;
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
