namespace Mail.Server.Store;

/// <summary>What a STORE did: the messages whose flags are now as listed (changed or not), and those left alone
/// because they changed after the client's UNCHANGEDSINCE (RFC 7162 3.1.3).</summary>
public sealed record FlagUpdate(IReadOnlyList<MessageRow> Updated, IReadOnlyList<long> Modified);
