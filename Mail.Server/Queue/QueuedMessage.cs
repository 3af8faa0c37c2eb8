namespace Mail.Server.Queue;

/// <summary>A message in the outbound queue: its envelope sender, arrival, size and recipients.</summary>
public sealed record QueuedMessage(string Id, string Sender, DateTimeOffset Queued, long Size, IReadOnlyList<QueuedRecipient> Recipients)
{
    /// <summary>The recipients still waiting.</summary>
    public IEnumerable<QueuedRecipient> Pending => Recipients.Where(r => r.State == RecipientState.Pending);
}
