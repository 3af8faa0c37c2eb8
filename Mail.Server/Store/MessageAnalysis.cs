namespace Mail.Server.Store;

/// <summary>What the store caches about a body: its envelope and MIME structure.</summary>
public sealed record MessageAnalysis(CachedEnvelope Envelope, CachedPart Structure);
