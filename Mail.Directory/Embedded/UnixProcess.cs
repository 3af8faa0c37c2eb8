using System.Runtime.InteropServices;

namespace Mail.Directory.Embedded;

/// <summary>The few POSIX process calls .NET does not expose: a polite SIGTERM and a liveness probe.</summary>
internal static partial class UnixProcess
{
    private const int SigTerm = 15;
    private const int SigKill = 9;

    public static bool IsAlive(int pid) => pid > 0 && Kill(pid, 0) == 0;

    public static void Terminate(int pid) => _ = Kill(pid, SigTerm);

    public static void ForceKill(int pid) => _ = Kill(pid, SigKill);

    /// <summary>The process's command line, or empty when it is gone or unreadable.</summary>
    public static string CommandLine(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ');
        }
        catch (IOException)
        {
            return string.Empty;
        }
        catch (UnauthorizedAccessException)
        {
            return string.Empty;
        }
    }

    /// <summary>Sends SIGTERM, waits up to <paramref name="grace"/>, then SIGKILL.</summary>
    public static async Task StopAsync(int pid, TimeSpan grace)
    {
        Terminate(pid);
        var deadline = DateTime.UtcNow + grace;
        while (IsAlive(pid) && !IsZombie(pid) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20).ConfigureAwait(false);
        }

        if (IsAlive(pid) && !IsZombie(pid))
        {
            ForceKill(pid);
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            return close > 0 && close + 2 < stat.Length && stat[close + 2] == 'Z';
        }
        catch (IOException)
        {
            return true;
        }
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
