namespace ImapBench;

/// <summary>One generated message: its octets (CRLF), the APPEND flags and internal date, and what the searches
/// should find in it.</summary>
internal sealed record GeneratedMessage(byte[] Octets, bool Seen, bool Flagged, DateTimeOffset Date, string Subject, string FromAddress, string Kind);
