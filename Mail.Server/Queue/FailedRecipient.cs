using Mail.Server.Smtp;

namespace Mail.Server.Queue;

/// <summary>A recipient a message could not be delivered to (yet), why, the address the sender used for it (a group's
/// address when the recipient is one of its members), and the server that answered, when one did.</summary>
public sealed record FailedRecipient(string Address, SmtpReply Reason, string? OriginalRecipient = null, string? RemoteMta = null);
