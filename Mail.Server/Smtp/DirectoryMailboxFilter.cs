using SmtpServer;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Mail.Server.Smtp;

/// <summary>Answers each RCPT TO through <see cref="RecipientPolicy"/> and remembers the accepted ones for
/// delivery. SmtpServer only lets a filter say yes or a bare 550, so our own replies (5.1.1, 4.4.3, 5.7.1)
/// travel as <see cref="SmtpResponseException"/>.</summary>
internal sealed class DirectoryMailboxFilter(RecipientPolicy policy, SenderRights rights, QuotaCheck quota) : IMailboxFilter
{
    public async Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken)
    {
        // A new transaction starts with MAIL FROM: forget the previous one's recipients.
        context.Properties[SmtpSessionKeys.Recipients] = new List<RecipientDecision>();
        if (SmtpUtf8Refusal.Check(from, context.Properties.TryGetValue(SmtpSessionKeys.MailParameters, out var parameters)
            ? parameters as IReadOnlyDictionary<string, string>
            : null) is { } refusal)
        {
            throw SmtpReplies.Exception(refusal);
        }

        if (context.Authentication.IsAuthenticated)
        {
            var allowed = await SmtpReplies.OrUnavailableAsync(
                () => rights.MayUseAsync(context.Authentication.User, from.AsAddress() ?? string.Empty, cancellationToken)).ConfigureAwait(false);
            if (!allowed)
            {
                throw SmtpReplies.Exception(SenderRights.NotYours);
            }
        }

        return true;
    }

    public async Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken)
    {
        var decision = await policy.DecideAsync(to.AsAddress(), from.AsAddress() ?? string.Empty, context.Authentication.IsAuthenticated, cancellationToken)
            .ConfigureAwait(false);
        if (!decision.Reply.IsPositive)
        {
            throw SmtpReplies.Exception(decision.Reply);
        }

        if (decision.Kind == RecipientKind.LocalAccount
            && await SmtpReplies.OrUnavailableAsync(() => quota.IsFullAsync(decision.Address!, cancellationToken)).ConfigureAwait(false))
        {
            throw SmtpReplies.Exception(QuotaCheck.OverQuota);
        }

        if (!context.Properties.TryGetValue(SmtpSessionKeys.Recipients, out var value) || value is not List<RecipientDecision> recipients)
        {
            recipients = [];
            context.Properties[SmtpSessionKeys.Recipients] = recipients;
        }

        recipients.Add(decision);
        return true;
    }
}
