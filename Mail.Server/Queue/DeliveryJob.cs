namespace Mail.Server.Queue;

/// <summary>What one delivery attempt carries: one message to the due recipients at one destination domain, and how
/// many attempts they have had (which picks the wait before the next).</summary>
public sealed record DeliveryJob(string MessageId, string Sender, DateTimeOffset Queued, string Domain, IReadOnlyList<string> Recipients, int Attempts);
