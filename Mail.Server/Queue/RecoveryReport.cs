namespace Mail.Server.Queue;

/// <summary>What <see cref="OutboundSpool.Recover"/> repaired: files requeued from their envelope, rows dropped for lack of a file.</summary>
public sealed record RecoveryReport(int Requeued, int Dropped);
