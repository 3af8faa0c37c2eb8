namespace Mail.Server.Queue;

/// <summary>One recipient of a queued message as the queue database holds it.</summary>
public sealed record QueuedRecipient(string Address, string Domain, RecipientState State, int Attempts, DateTimeOffset NextAttempt, string? LastReply);
