namespace Mail.Server.Imap.Search;

/// <summary>The kinds of SEARCH key (RFC 9051 6.4.4, RFC 7162 MODSEQ).</summary>
public enum SearchKeyKind
{
    /// <summary>Every message.</summary>
    All,

    /// <summary>A flag is set (Text holds it).</summary>
    Flag,

    /// <summary>A flag is not set.</summary>
    NoFlag,

    /// <summary>Text in an address or subject header (Field holds the header name).</summary>
    Header,

    /// <summary>Text in the body.</summary>
    Body,

    /// <summary>Text in the header or body.</summary>
    Text,

    /// <summary>Internal date before a day.</summary>
    Before,

    /// <summary>Internal date on a day.</summary>
    On,

    /// <summary>Internal date on or after a day.</summary>
    Since,

    /// <summary>Date header before a day.</summary>
    SentBefore,

    /// <summary>Date header on a day.</summary>
    SentOn,

    /// <summary>Date header on or after a day.</summary>
    SentSince,

    /// <summary>Size over a number of octets.</summary>
    Larger,

    /// <summary>Size under a number of octets.</summary>
    Smaller,

    /// <summary>Messages in a sequence set.</summary>
    Sequence,

    /// <summary>Messages in a UID set.</summary>
    Uid,

    /// <summary>MODSEQ at or above a value.</summary>
    ModSeq,

    /// <summary>No message matches the inner key.</summary>
    Not,

    /// <summary>Either inner key matches.</summary>
    Or,

    /// <summary>Every inner key matches (a parenthesised list, or the whole criteria).</summary>
    And,
}
