using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>DELETE mailbox (RFC 9051 6.3.5): the mailbox and its messages; INBOX cannot be deleted.</summary>
internal sealed class DeleteCommand : IImapCommand
{
    public string Name => "DELETE";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 1)
        {
            throw new ImapSyntaxException("DELETE needs a mailbox name");
        }

        var name = MailboxArgument.Name(session, command, 0);
        if (name == StandardMailboxes.Inbox)
        {
            return Task.FromResult(ImapCompletion.No("[CANNOT] INBOX cannot be deleted"));
        }

        if (session.Selected?.Info.Name == name)
        {
            session.Selected = null;
            session.State = ImapState.Authenticated;
        }

        return Task.FromResult(session.Services.Store.DeleteMailbox(session.Account, name)
            ? ImapCompletion.Ok("DELETE completed")
            : ImapCompletion.No("[NONEXISTENT] no such mailbox"));
    }
}
