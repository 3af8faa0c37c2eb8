namespace Mail.Server.Smtp;

/// <summary>The answer to one RCPT TO: the reply to send and, when accepted, where the copy goes.</summary>
public sealed record RecipientDecision(SmtpReply Reply, RecipientKind? Kind, string? Address)
{
    /// <summary>A refusal.</summary>
    public static RecipientDecision Refuse(SmtpReply reply) => new(reply, null, null);

    /// <summary>An acceptance of <paramref name="address"/> (the canonical form) as <paramref name="kind"/>.</summary>
    public static RecipientDecision Accept(RecipientKind kind, string address) => new(SmtpReply.RecipientOk, kind, address);
}
