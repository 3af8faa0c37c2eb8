namespace Mail.Server.Pop3.Protocol;

/// <summary>The POP3 commands this server knows (RFC 1939, RFC 2449 CAPA, RFC 2595 STLS, RFC 5034 AUTH).</summary>
internal enum Pop3Verb
{
    /// <summary>Anything else, including APOP, which needs the plaintext password on the server.</summary>
    Unknown,
    Capa,
    User,
    Pass,
    Auth,
    Stls,
    Quit,
    Stat,
    List,
    Retr,
    Dele,
    Noop,
    Rset,
    Top,
    Uidl,
}
