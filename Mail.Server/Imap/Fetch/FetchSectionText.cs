namespace Mail.Server.Imap.Fetch;

/// <summary>What a FETCH section names after its part numbers (RFC 9051 6.4.5 section-text).</summary>
internal enum FetchSectionText
{
    /// <summary>Nothing: the whole message (no part numbers) or the part's content.</summary>
    None,

    /// <summary>HEADER: the header of the message or of the encapsulated message, blank line included.</summary>
    Header,

    /// <summary>HEADER.FIELDS (names): only the named header fields, then a blank line.</summary>
    HeaderFields,

    /// <summary>HEADER.FIELDS.NOT (names): every header field except the named ones, then a blank line.</summary>
    HeaderFieldsNot,

    /// <summary>TEXT: the body of the message or of the encapsulated message.</summary>
    Text,

    /// <summary>MIME: the part's own MIME header, blank line included (only after part numbers).</summary>
    Mime,
}
