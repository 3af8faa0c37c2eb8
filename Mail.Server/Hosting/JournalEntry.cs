namespace Mail.Server.Hosting;

/// <summary>One event of the <see cref="DeliveryJournal"/>.</summary>
/// <param name="Time">When it happened.</param>
/// <param name="QueueId">The message's queue id.</param>
/// <param name="Sender">The envelope sender (empty for the null sender).</param>
/// <param name="Recipient">The recipient it concerns (for an accepted message, the first one).</param>
/// <param name="Kind">What happened.</param>
/// <param name="Detail">The reply or fact that decided it (no message content).</param>
public sealed record JournalEntry(DateTimeOffset Time, string QueueId, string Sender, string Recipient, JournalEventKind Kind, string Detail);
