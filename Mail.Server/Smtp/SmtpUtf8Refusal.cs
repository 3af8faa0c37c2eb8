using SmtpServer.Mail;

namespace Mail.Server.Smtp;

/// <summary>The replies for what a client may not send while we do not offer SMTPUTF8 (RFC 6531), worded as Postfix
/// with <c>smtputf8_enable = no</c> words them: the SMTPUTF8 parameter is an unsupported option (555 5.5.4), a
/// non-ASCII domain in MAIL FROM is bad syntax (501 5.1.7). SmtpServer already answers a non-ASCII RCPT TO with bad
/// syntax (our 501 5.1.3). Hosted addresses are ASCII anyway (the directory refuses others).</summary>
internal static class SmtpUtf8Refusal
{
    /// <summary>555 5.5.4 for a MAIL FROM with SMTPUTF8.</summary>
    public static SmtpReply Unsupported { get; } = new(555, "5.5.4", "Unsupported option: SMTPUTF8");

    /// <summary>501 5.1.7 for a sender whose domain is not ASCII.</summary>
    public static SmtpReply BadSender { get; } = new(501, "5.1.7", "Bad sender address syntax");

    /// <summary>The refusal for this MAIL FROM, or null when it may go on.</summary>
    public static SmtpReply? Check(IMailbox from, IReadOnlyDictionary<string, string>? parameters)
    {
        if (parameters is not null && parameters.Keys.Any(k => k.Equals("SMTPUTF8", StringComparison.OrdinalIgnoreCase)))
        {
            return Unsupported;
        }

        // The library has already replaced each non-ASCII octet with '?', which no domain may contain; a '?' in a local
        // part is legal ASCII and cannot be told apart, so local parts pass (Postfix also takes 8-bit local parts).
        var host = from.Host ?? string.Empty;
        return host.Contains('?', StringComparison.Ordinal) || !System.Text.Ascii.IsValid(host) ? BadSender : null;
    }
}
