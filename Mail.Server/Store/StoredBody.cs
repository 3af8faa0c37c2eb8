namespace Mail.Server.Store;

/// <summary>A message body on disk: its SHA-256 (hex, the file name) and size in octets.</summary>
public sealed record StoredBody(string Hash, long Size);
