using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>EXPUNGE and UID EXPUNGE (RFC 9051 6.4.3, RFC 4315): removes messages marked \Deleted (within the UID
/// set for UID EXPUNGE) and reports each. With QRESYNC enabled the tagged OK carries the HIGHESTMODSEQ the session
/// is now at (RFC 7162 QRESYNC; Dovecot sends it the same way), so a client need not ask again before it disconnects.</summary>
internal sealed class ExpungeCommand : IImapCommand
{
    public string Name => "EXPUNGE";

    public ImapState AllowedIn => ImapState.Selected;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        var selected = session.Selected!;
        if (selected.ReadOnly)
        {
            return ImapCompletion.No("[READ-ONLY] the mailbox is read-only");
        }

        SequenceSet? within = null;
        if (command.IsUid)
        {
            if (command.Arguments.Count != 1 || command.Arguments[0].Kind != ImapTokenKind.Atom)
            {
                throw new ImapSyntaxException("UID EXPUNGE needs a UID set");
            }

            within = SequenceSet.Parse(command.Arguments[0].Value.Span);
        }

        var deleted = session.Services.Store.Index.Contents.DeletedUids(selected.Info.Id).ToList();
        if (within is not null && deleted.Count > 0)
        {
            // "*" is the mailbox's highest UID, so the set is resolved against all of them, not only the deleted.
            var allowed = within.IsSaved ? session.SavedSearch.ToHashSet() : within.Resolve(session.Services.Store.Index.Uids(selected.Info.Id)).ToHashSet();
            deleted = deleted.Where(allowed.Contains).ToList();
        }

        if (deleted.Count > 0)
        {
            session.Services.Store.Expunge(selected.Info.Id, deleted);
            selected.Expunged(session, deleted);
        }

        await session.SynchronizeAsync(allowExpunge: true, cancellationToken).ConfigureAwait(false);
        var code = session.Enabled.Contains("QRESYNC")
            ? "[HIGHESTMODSEQ " + selected.KnownModSeq.ToString(System.Globalization.CultureInfo.InvariantCulture) + "] "
            : string.Empty;
        return ImapCompletion.Ok($"{code}{(command.IsUid ? "UID " : string.Empty)}EXPUNGE completed");
    }
}
