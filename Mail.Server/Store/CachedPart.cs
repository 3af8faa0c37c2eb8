using System.Text.Json.Serialization;

namespace Mail.Server.Store;

/// <summary>One MIME part as IMAP's BODYSTRUCTURE describes it, with sizes and offsets measured on the stored bytes.</summary>
/// <remarks>Type, subtype, parameter names, transfer encoding and disposition keep the case the sender wrote (as
/// Dovecot reports them); compare them ignoring case. Parameters are the header's own attributes and values (RFC 2231
/// continuations joined, nothing decoded; see <see cref="HeaderParameters"/>); Content-ID,
/// description, language, location and MD5 are the header values as sent. For a message/rfc822 (or message/global)
/// part, <see cref="Children"/> holds the embedded message's body and <see cref="MessageEnvelope"/> its envelope.</remarks>
public sealed record CachedPart(
    string Type,
    string Subtype,
    IReadOnlyDictionary<string, string> Parameters,
    string? ContentId,
    string? Description,
    string? TransferEncoding,
    long Octets,
    int Lines,
    string? Disposition,
    IReadOnlyDictionary<string, string>? DispositionParameters,
    IReadOnlyList<string>? Language,
    string? Location,
    string? Md5,
    IReadOnlyList<CachedPart> Children,
    CachedEnvelope? MessageEnvelope)
{
    /// <summary>Where the part's header starts in the stored file: 0 for the top-level body (its header is the
    /// message header), the embedded message's first header line for the body of a message/rfc822 part. Null in
    /// rows written before offsets were kept.</summary>
    public long? HeaderOffset { get; init; }

    /// <summary>Where the part's content starts: just after the blank line that ends its header (or where the header
    /// stops when there is no blank line).</summary>
    public long? BodyOffset { get; init; }

    /// <summary>Where the part's content ends (exclusive). The CRLF before a boundary belongs to the boundary
    /// (RFC 2046 5.1.1), so it is not included; <c>EndOffset - BodyOffset</c> is <see cref="Octets"/>.</summary>
    public long? EndOffset { get; init; }

    /// <summary>True when the offsets are known (rows written before they were kept have none).</summary>
    [JsonIgnore]
    public bool HasOffsets => HeaderOffset is not null && BodyOffset is not null && EndOffset is not null;

    /// <summary>True for multipart/*.</summary>
    [JsonIgnore]
    public bool IsMultipart => Type.Equals("multipart", StringComparison.OrdinalIgnoreCase);

    /// <summary>True for an encapsulated message (message/rfc822 or message/global) whose body is
    /// <c>Children[0]</c>.</summary>
    [JsonIgnore]
    public bool IsEncapsulatedMessage => MessageEnvelope is not null && Children.Count == 1 && !IsMultipart;

    /// <summary>True for text/*.</summary>
    [JsonIgnore]
    public bool IsText => Type.Equals("text", StringComparison.OrdinalIgnoreCase);
}
