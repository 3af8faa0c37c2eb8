using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>CREATE mailbox (RFC 9051 6.3.4); a trailing separator is dropped, missing parents are not created (they
/// show as \NonExistent in LIST), USE (RFC 6154 CREATE-SPECIAL-USE) is not offered.</summary>
internal sealed class CreateCommand : IImapCommand
{
    public string Name => "CREATE";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 1)
        {
            throw new ImapSyntaxException("CREATE needs a mailbox name");
        }

        var name = MailboxArgument.Name(session, command, 0).TrimEnd(MailboxCatalog.Separator);
        if (name == StandardMailboxes.Inbox)
        {
            return Task.FromResult(ImapCompletion.No("[ALREADYEXISTS] INBOX always exists"));
        }

        if (MailboxNames.Problem(name) is { } problem)
        {
            return Task.FromResult(ImapCompletion.No("[CANNOT] " + problem));
        }

        return Task.FromResult(session.Services.Store.Index.Catalog.Create(session.Account, name)
            ? ImapCompletion.Ok("CREATE completed")
            : ImapCompletion.No("[ALREADYEXISTS] the mailbox already exists"));
    }
}
