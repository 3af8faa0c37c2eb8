namespace Mail.Server.Queue;

/// <summary>The envelope written as the first line of a spool file (JSON), so a message can be requeued from its
/// file alone.</summary>
public sealed record SpoolEnvelope(string Sender, IReadOnlyList<string> Recipients, DateTimeOffset Queued);
