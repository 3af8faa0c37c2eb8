using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>RENAME from to (RFC 9051 6.3.6), children included; renaming INBOX moves its messages.</summary>
internal sealed class RenameCommand : IImapCommand
{
    public string Name => "RENAME";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 2)
        {
            throw new ImapSyntaxException("RENAME needs two mailbox names");
        }

        var from = MailboxArgument.Name(session, command, 0);
        var to = MailboxArgument.Name(session, command, 1).TrimEnd(MailboxCatalog.Separator);
        var problem = to == StandardMailboxes.Inbox ? "INBOX cannot be a new name" : MailboxNames.Problem(to);
        if (problem is not null)
        {
            return Task.FromResult(ImapCompletion.No("[CANNOT] " + problem));
        }

        MailboxArgument.Existing(session, from);
        if (session.Services.Store.Index.Catalog.Find(session.Account, to) is not null)
        {
            return Task.FromResult(ImapCompletion.No("[ALREADYEXISTS] the new name is taken"));
        }

        return Task.FromResult(session.Services.Store.Index.Catalog.Rename(session.Account, from, to)
            ? ImapCompletion.Ok("RENAME completed")
            : ImapCompletion.No("[CANNOT] the mailbox could not be renamed"));
    }
}
