namespace Mail.Server.Imap.Protocol;

/// <summary>Bounds on what a client may send in one command, checked before the bytes are read.</summary>
public sealed record ImapLimits
{
    /// <summary>The longest command line between literals.</summary>
    public int MaxLine { get; init; } = 64 * 1024;

    /// <summary>The largest literal outside APPEND (mailbox names, search strings, AUTHENTICATE).</summary>
    public int MaxLiteral { get; init; } = 64 * 1024;

    /// <summary>The largest message APPEND takes (advertised as APPENDLIMIT).</summary>
    public int MaxAppend { get; init; } = 50 * 1024 * 1024;

    /// <summary>All octets of one command, literals included (MULTIAPPEND sends several messages).</summary>
    public long MaxCommand { get; init; } = 100L * 1024 * 1024;

    /// <summary>Nesting depth of parenthesised lists (SEARCH may nest).</summary>
    public int MaxDepth { get; init; } = 16;

    /// <summary>Arguments in one command, lists' elements counted.</summary>
    public int MaxTokens { get; init; } = 10_000;

    /// <summary>Literals LITERAL- lets a client send without waiting (RFC 7888).</summary>
    public int MaxNonSynchronizingLiteral { get; init; } = 4096;

    /// <summary>Commands a session may send at once before <see cref="CommandsPerSecond"/> applies.</summary>
    public int CommandBurst { get; init; } = 20_000;

    /// <summary>The steady command rate of one session; faster clients are slowed to it, not refused.</summary>
    public int CommandsPerSecond { get; init; } = 5_000;
}
