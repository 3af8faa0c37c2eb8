namespace Mail.WebAdmin.Engine;

/// <summary>One recipient of a queued message: where it stands, how often it was tried, the last reply.</summary>
public sealed record QueueRecipient(string Address, QueueRecipientState State, int Attempts, DateTimeOffset NextAttempt, string? LastReply);
