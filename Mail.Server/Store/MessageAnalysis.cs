namespace Mail.Server.Store;

/// <summary>What the store caches about a body: its envelope and MIME structure, and the header fields SEARCH reads
/// most (see <see cref="SearchHeaders"/>; null for bodies analysed before they were kept).</summary>
public sealed record MessageAnalysis(CachedEnvelope Envelope, CachedPart Structure)
{
    public string? SearchHeaders { get; init; }
}
