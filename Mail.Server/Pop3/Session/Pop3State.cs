namespace Mail.Server.Pop3.Session;

/// <summary>The session states of RFC 1939 section 3 in which a command may run (UPDATE is QUIT's own work).</summary>
[Flags]
internal enum Pop3State
{
    /// <summary>Before a successful login.</summary>
    Authorization = 1,

    /// <summary>Logged in, working on the maildrop.</summary>
    Transaction = 2,
}
