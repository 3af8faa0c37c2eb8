namespace Mail.WebAdmin.Engine;

/// <summary>One thing that happened to a message.</summary>
/// <param name="Time">When.</param>
/// <param name="QueueId">The message's queue id.</param>
/// <param name="Sender">The envelope sender (empty: the null sender).</param>
/// <param name="Recipient">The recipient concerned.</param>
/// <param name="Kind">accepted, refused, delivered, deferred or failed.</param>
/// <param name="Detail">The reply or fact that decided it.</param>
public sealed record MailEvent(DateTimeOffset Time, string QueueId, string Sender, string Recipient, MailEventKind Kind, string Detail);
