using Mail.Directory;
using Mail.Directory.Addressing;
using Mail.Directory.Ldap;

namespace Mail.Server.Smtp;

/// <summary>Decides each RCPT TO: hosted recipients are resolved in the directory, other domains are
/// relayed only for authenticated senders, and routing tricks (%-hack, source routes, bang paths,
/// quoted local parts) never relay. A directory outage is a temporary failure, never "unknown user".</summary>
public sealed class RecipientPolicy(MailDirectory directory)
{
    /// <summary>Decides one recipient as the client wrote it (without angle brackets).</summary>
    /// <param name="recipient">The forward-path address.</param>
    /// <param name="sender">The reverse-path (empty for bounces).</param>
    /// <param name="authenticated">True when the session authenticated (submission).</param>
    /// <param name="cancellationToken">Cancels the directory lookups.</param>
    public async Task<RecipientDecision> DecideAsync(string recipient, string sender, bool authenticated, CancellationToken cancellationToken)
    {
        if (IsRoutingTrick(recipient))
        {
            return RecipientDecision.Refuse(SmtpReply.RelayDenied);
        }

        if (!MailAddress.TryParse(recipient, out var address, out _))
        {
            return RecipientDecision.Refuse(SmtpReply.BadRecipientSyntax);
        }

        try
        {
            var resolution = await directory.Resolver.ResolveAsync(address.ToString(), cancellationToken).ConfigureAwait(false);
            switch (resolution.Kind)
            {
                case AddressKind.NotHosted:
                    return authenticated
                        ? RecipientDecision.Accept(RecipientKind.Outbound, address.ToString())
                        : RecipientDecision.Refuse(SmtpReply.RelayDenied);
                case AddressKind.Account:
                    return RecipientDecision.Accept(RecipientKind.LocalAccount, resolution.PrimaryAddress!);
                case AddressKind.Group:
                    var mayPost = await directory.SenderPolicies.MayPostAsync(resolution.PrimaryAddress!, sender, cancellationToken).ConfigureAwait(false);
                    return mayPost
                        ? RecipientDecision.Accept(RecipientKind.LocalGroup, resolution.PrimaryAddress!)
                        : RecipientDecision.Refuse(SmtpReply.GroupRefusesSender);
                default:
                    return RecipientDecision.Refuse(SmtpReply.NoSuchUser);
            }
        }
        catch (DirectoryUnavailableException)
        {
            return RecipientDecision.Refuse(SmtpReply.DirectoryUnavailable);
        }
    }

    /// <summary>True for forward-paths that old relays would route onwards: source routes (<c>@a:b@c</c>),
    /// quoted local parts, the %-hack, UUCP bang paths, and more than one @.</summary>
    internal static bool IsRoutingTrick(string recipient)
    {
        var trimmed = recipient.Trim();
        return trimmed.StartsWith('@') || trimmed.Contains('"', StringComparison.Ordinal) || trimmed.Contains('%', StringComparison.Ordinal)
            || trimmed.Contains('!', StringComparison.Ordinal) || trimmed.Count(c => c == '@') > 1 || trimmed.Contains(':', StringComparison.Ordinal);
    }
}
