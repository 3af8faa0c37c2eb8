using System.Globalization;
using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>GETQUOTAROOT, GETQUOTA and SETQUOTA (RFC 9208): one quota root "" per account holding every mailbox,
/// with the STORAGE resource in KiB. Quotas are set by administrators, so SETQUOTA is refused.</summary>
internal sealed class QuotaCommand(string name) : IImapCommand
{
    public string Name => name;

    public ImapState AllowedIn => ImapState.LoggedIn;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (name == "SETQUOTA")
        {
            return ImapCompletion.No("[NOPERM] quotas are set by the administrator");
        }

        if (command.Arguments.Count != 1)
        {
            throw new ImapSyntaxException($"{name} needs one argument");
        }

        if (name == "GETQUOTAROOT")
        {
            var mailbox = MailboxArgument.Existing(session, MailboxArgument.Name(session, command, 0));
            session.Output.Write("* QUOTAROOT ");
            MailboxArgument.Write(session, mailbox.Name);
            session.Output.Write(" \"\"\r\n");
        }
        else if (command.Arguments[0].Text.Length != 0)
        {
            return ImapCompletion.No("[NONEXISTENT] the only quota root is \"\"");
        }

        var quota = await session.Services.Quota.QuotaAsync(session.Account, cancellationToken).ConfigureAwait(false);
        if (quota > 0)
        {
            var used = session.Services.Store.Index.Usage(session.Account);
            session.Output.Untagged(string.Create(CultureInfo.InvariantCulture, $"QUOTA \"\" (STORAGE {(used + 1023) / 1024} {quota / 1024})"));
        }

        return ImapCompletion.Ok($"{name} completed");
    }
}
