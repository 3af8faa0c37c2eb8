namespace Mail.Server.Pop3.Session;

/// <summary>What a message number refers to in a <see cref="Maildrop"/>.</summary>
internal enum MaildropLookup
{
    /// <summary>A message that may be used.</summary>
    Found,

    /// <summary>No message has that number in this session.</summary>
    NoSuchMessage,

    /// <summary>The message is marked deleted (RFC 1939: it may not be referred to until RSET).</summary>
    Deleted,
}
