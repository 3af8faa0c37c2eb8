using Mail.Server.Smtp;

namespace Mail.Server.Queue;

/// <summary>The result of one attempt for one recipient: the reply that decided it and the server that gave it.</summary>
public sealed record RecipientOutcome(string Address, OutcomeKind Kind, SmtpReply Reply, string? RemoteHost);
