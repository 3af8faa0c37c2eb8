namespace ImapBench;

/// <summary>
/// One reading of a server's memory, in kB. For <see cref="MemoryScope.Process"/> (ours) RSS is the dotnet process
/// alone and <see cref="SideKb"/> its slapd; for <see cref="MemoryScope.Tree"/> (Dovecot) RSS and PSS are summed over
/// the master and all its children (summed RSS counts shared pages once per process, PSS splits them).
/// </summary>
internal readonly record struct ServerMemory(long RssKb, long PssKb, long SideKb, int Processes)
{
    public static ServerMemory Read(ServerTarget target, bool withPss)
    {
        if (target.Scope == MemoryScope.Process)
        {
            long side = 0;
            foreach (var slapd in ProcessProbe.ChildrenNamed(target.Pid, "slapd"))
            {
                side += ProcessProbe.RssKb(slapd);
            }

            return new ServerMemory(ProcessProbe.RssKb(target.Pid), withPss ? ProcessProbe.PssKb(target.Pid) : 0, side, 1);
        }

        long rss = 0;
        long pss = 0;
        var tree = ProcessProbe.Tree(target.Pid);
        foreach (var pid in tree)
        {
            rss += ProcessProbe.RssKb(pid);
            if (withPss)
            {
                pss += ProcessProbe.PssKb(pid);
            }
        }

        return new ServerMemory(rss, pss, 0, tree.Count);
    }

    public static ServerMemory Max(ServerMemory a, ServerMemory b) =>
        new(Math.Max(a.RssKb, b.RssKb), Math.Max(a.PssKb, b.PssKb), Math.Max(a.SideKb, b.SideKb), Math.Max(a.Processes, b.Processes));
}
