using Mail.Server.Smtp;

namespace Mail.Server.Queue;

/// <summary>A recipient a message could not be delivered to, why, and the address the sender used for it (a
/// group's address when the recipient is one of its members).</summary>
public sealed record FailedRecipient(string Address, SmtpReply Reason, string? OriginalRecipient = null);
