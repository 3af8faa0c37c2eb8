namespace Mail.Server.Store;

/// <summary>One message of a mailbox as a session sees it: UID, flags (stored text, see <see cref="MessageFlags"/>),
/// MODSEQ, internal date (Unix seconds), size in octets and body hash.</summary>
public sealed record MessageRow(long Uid, string Flags, long ModSeq, long InternalDate, long Size, string Hash);
