using System.Globalization;
using System.Runtime.InteropServices;

namespace Mail.Directory.Ldap;

/// <summary>Sets libldap's own network and operation timeouts in the C environment before the library
/// first initialises: <see cref="Environment.SetEnvironmentVariable(string, string)"/> does not reach libc,
/// and without these a frozen slapd can hold a worker thread for minutes (see shared notes on slapd).</summary>
internal static partial class LibLdapEnvironment
{
    private static int _applied;

    public static void Apply(TimeSpan deadline)
    {
        if (Interlocked.Exchange(ref _applied, 1) == 1 || !OperatingSystem.IsLinux())
        {
            return;
        }

        var seconds = Math.Max(1, (int)Math.Ceiling(deadline.TotalSeconds * 2)).ToString(CultureInfo.InvariantCulture);
        _ = SetEnv("LDAPNETWORK_TIMEOUT", seconds, 0);
        _ = SetEnv("LDAPTIMEOUT", seconds, 0);
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
