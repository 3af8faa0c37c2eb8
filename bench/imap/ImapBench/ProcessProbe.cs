using System.Globalization;

namespace ImapBench;

/// <summary>Memory and CPU of a server's processes, read from /proc (Linux only).</summary>
internal static class ProcessProbe
{
    /// <summary>/proc/PID/stat counts CPU in USER_HZ ticks, which Linux fixes at 100 per second for user space.</summary>
    private const double TicksPerSecond = 100;

    /// <summary>The process and all its descendants (by parent pid), the process first.</summary>
    public static List<int> Tree(int root)
    {
        var children = new Dictionary<int, List<int>>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
            {
                continue;
            }

            var fields = StatFields(pid);
            if (fields is null)
            {
                continue;
            }

            var parent = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (!children.TryGetValue(parent, out var list))
            {
                children[parent] = list = [];
            }

            list.Add(pid);
        }

        var found = new List<int> { root };
        for (var i = 0; i < found.Count; i++)
        {
            if (children.TryGetValue(found[i], out var list))
            {
                found.AddRange(list);
            }
        }

        return found;
    }

    /// <summary>Resident set size in kB (VmRSS), 0 when the process is gone.</summary>
    public static long RssKb(int pid) => StatusField(pid, "VmRSS:");

    /// <summary>Peak resident set size since the process started, in kB (VmHWM).</summary>
    public static long HwmKb(int pid) => StatusField(pid, "VmHWM:");

    /// <summary>Proportional set size in kB: shared pages divided among the processes that map them.</summary>
    public static long PssKb(int pid)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/smaps_rollup"))
            {
                if (line.StartsWith("Pss:", StringComparison.Ordinal))
                {
                    return Kb(line);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    /// <summary>The direct children of a process with the given command name (e.g. the appliance's slapd).</summary>
    public static List<int> ChildrenNamed(int parent, string name)
    {
        var found = new List<int>();
        foreach (var pid in Tree(parent))
        {
            if (pid == parent)
            {
                continue;
            }

            try
            {
                if (File.ReadAllText($"/proc/{pid}/comm").Trim() == name)
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
            }
        }

        return found;
    }

    /// <summary>
    /// CPU seconds used by the tree: user + system time of every live process plus the time of children they have
    /// already reaped (cutime + cstime), so the difference of two readings is what the tree used between them, even
    /// when processes came and went (Dovecot's imap processes for each login).
    /// </summary>
    public static double CpuSeconds(int root)
    {
        long ticks = 0;
        foreach (var pid in Tree(root))
        {
            var fields = StatFields(pid);
            if (fields is null)
            {
                continue;
            }

            // Fields after the ")" of comm: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
            for (var i = 11; i <= 14; i++)
            {
                ticks += long.Parse(fields[i], CultureInfo.InvariantCulture);
            }
        }

        return ticks / TicksPerSecond;
    }

    /// <summary>The fields of /proc/PID/stat after the command name, or null when the process is gone.</summary>
    private static string[]? StatFields(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            var close = text.LastIndexOf(')');
            return close < 0 ? null : text[(close + 2)..].Split(' ');
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static long StatusField(int pid, string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
            {
                if (line.StartsWith(field, StringComparison.Ordinal))
                {
                    return Kb(line);
                }
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        return 0;
    }

    private static long Kb(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
