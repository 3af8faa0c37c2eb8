namespace Mail.Server.Imap.Fetch;

/// <summary>Bounds on a FETCH section spec a client may send, checked while it is parsed.</summary>
internal sealed record FetchSectionLimits
{
    /// <summary>The defaults.</summary>
    public static FetchSectionLimits Default { get; } = new();

    /// <summary>Part numbers in one section ("1.2.3" is 3); MIME nesting deeper than this is not served.</summary>
    public int MaxPartDepth { get; init; } = 32;

    /// <summary>Names in one HEADER.FIELDS or HEADER.FIELDS.NOT list.</summary>
    public int MaxFieldNames { get; init; } = 64;

    /// <summary>Octets in one header field name (a header line is at most 998 octets, RFC 5322 2.1.1).</summary>
    public int MaxFieldNameLength { get; init; } = 998;
}
