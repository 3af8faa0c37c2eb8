namespace Mail.Server.Store;

/// <summary>One MIME part as IMAP's BODYSTRUCTURE describes it, with sizes measured on the stored bytes.</summary>
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
    CachedEnvelope? MessageEnvelope);
