using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>STATUS mailbox (items) (RFC 9051 6.3.11).</summary>
internal sealed class StatusCommand : IImapCommand
{
    public string Name => "STATUS";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 2)
        {
            throw new ImapSyntaxException("STATUS needs a mailbox and a list of items");
        }

        var items = StatusItems.Parse(command.Arguments[1]);
        var mailbox = MailboxArgument.Existing(session, MailboxArgument.Name(session, command, 0));
        StatusItems.Write(session, mailbox, items);
        return Task.FromResult(ImapCompletion.Ok("STATUS completed"));
    }
}
