namespace Mail.Server.Queue;

/// <summary>Queue facts for operators and the web admin: how much waits, since when, and for which domains.</summary>
public sealed record QueueStatistics(int Messages, int PendingRecipients, DateTimeOffset? Oldest, IReadOnlyDictionary<string, int> PendingByDomain);
