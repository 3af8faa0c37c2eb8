namespace Mail.Server.Store;

/// <summary>One message of a mailbox as a session sees it: UID, flags (stored text, see <see cref="MessageFlags"/>),
/// MODSEQ, internal date (Unix seconds), size in octets, body hash, and the internal date's zone offset in minutes
/// (RFC 3501 2.3.3: the zone an APPEND gave; 0 for delivered mail and rows from before the zone was kept).</summary>
public sealed record MessageRow(long Uid, string Flags, long ModSeq, long InternalDate, long Size, string Hash, int ZoneMinutes = 0)
{
    /// <summary>The internal date in its own zone.</summary>
    public DateTimeOffset InternalDateTime => DateTimeOffset.FromUnixTimeSeconds(InternalDate).ToOffset(TimeSpan.FromMinutes(ZoneMinutes));
}
