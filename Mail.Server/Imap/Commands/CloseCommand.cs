using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>CLOSE (RFC 9051 6.4.1: expunges \Deleted messages silently when read-write) and UNSELECT (RFC 3691:
/// leaves them).</summary>
internal sealed class CloseCommand(bool expunge) : IImapCommand
{
    public string Name => expunge ? "CLOSE" : "UNSELECT";

    public ImapState AllowedIn => ImapState.Selected;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        var selected = session.Selected!;
        if (expunge && !selected.ReadOnly)
        {
            var deleted = session.Services.Store.Index.Contents.DeletedUids(selected.Info.Id);
            if (deleted.Count > 0)
            {
                session.Services.Store.Expunge(selected.Info.Id, deleted);
            }
        }

        session.Selected = null;
        session.State = ImapState.Authenticated;
        return Task.FromResult(ImapCompletion.Ok($"{Name} completed"));
    }
}
