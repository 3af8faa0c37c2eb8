namespace Mail.WebAdmin.Engine;

/// <summary>A message in the outbound queue.</summary>
public sealed record QueueEntry(string Id, string Sender, DateTimeOffset Queued, long Size, IReadOnlyList<QueueRecipient> Recipients);
