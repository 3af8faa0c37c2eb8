using MailKit.Net.Smtp;
using MimeKit;

namespace Mail.Server.Queue;

/// <summary>MailKit's SMTP client, told not to give up a whole transaction when one recipient is refused: refusals
/// are collected per recipient (MailKit's default throws at the first one, so nobody would receive).</summary>
internal sealed class OutboundSmtpClient : SmtpClient
{
    /// <summary>The recipients the server refused in the current transaction, with its reply.</summary>
    public Dictionary<string, SmtpResponse> Refused { get; } = new(StringComparer.OrdinalIgnoreCase);

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Refused[mailbox.Address] = response;

    protected override void OnNoRecipientsAccepted(MimeMessage message) => throw new NoRecipientAcceptedException();
}
