namespace Mail.Server.Imap.Fetch;

/// <summary>Which FETCH data item carries a section (RFC 9051 6.4.5, RFC 3516 4.2).</summary>
internal enum FetchBodyItemKind
{
    /// <summary>BODY[section]: the octets as stored; sets \Seen.</summary>
    Body,

    /// <summary>BODY.PEEK[section]: as BODY, without setting \Seen.</summary>
    BodyPeek,

    /// <summary>BINARY[part]: the content with its Content-Transfer-Encoding undone; sets \Seen.</summary>
    Binary,

    /// <summary>BINARY.PEEK[part]: as BINARY, without setting \Seen.</summary>
    BinaryPeek,

    /// <summary>BINARY.SIZE[part]: the size BINARY[part] would have.</summary>
    BinarySize,
}
