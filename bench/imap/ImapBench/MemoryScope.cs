namespace ImapBench;

/// <summary>How the server's memory is counted: one process (ours: the dotnet <c>run</c> process) or a process tree
/// (Dovecot: the master and every child, summed).</summary>
internal enum MemoryScope
{
    Process,
    Tree,
}
