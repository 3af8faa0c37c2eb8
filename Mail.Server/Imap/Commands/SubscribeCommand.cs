using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>SUBSCRIBE and UNSUBSCRIBE (RFC 9051 6.3.7, 6.3.8) of existing mailboxes.</summary>
internal sealed class SubscribeCommand(bool subscribe) : IImapCommand
{
    public string Name => subscribe ? "SUBSCRIBE" : "UNSUBSCRIBE";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 1)
        {
            throw new ImapSyntaxException($"{Name} needs a mailbox name");
        }

        var name = MailboxArgument.Name(session, command, 0);
        return Task.FromResult(session.Services.Store.Index.Catalog.SetSubscribed(session.Account, name, subscribe)
            ? ImapCompletion.Ok($"{Name} completed")
            : ImapCompletion.No("[NONEXISTENT] no such mailbox"));
    }
}
