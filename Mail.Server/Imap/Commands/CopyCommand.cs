using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>COPY and MOVE with their UID forms (RFC 9051 6.4.7, 6.4.8; RFC 4315 COPYUID; RFC 6851 MOVE): flags and
/// dates are kept, the body is shared, MOVE expunges the sources in the same transaction.</summary>
internal sealed class CopyCommand(bool move) : IImapCommand
{
    public string Name => move ? "MOVE" : "COPY";

    public ImapState AllowedIn => ImapState.Selected;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 2)
        {
            throw new ImapSyntaxException($"{Name} needs a set and a mailbox");
        }

        var selected = session.Selected!;
        var uids = MessageSet.Uids(session, command.Arguments[0], command.IsUid);
        var name = MailboxArgument.Name(session, command, 1);
        var target = session.Services.Store.Index.Catalog.Find(session.Account, name)
            ?? throw new ImapNoException("[TRYCREATE] no such mailbox");
        if (move && selected.ReadOnly)
        {
            return ImapCompletion.No("[READ-ONLY] the mailbox is read-only");
        }

        if (uids.Count == 0)
        {
            return ImapCompletion.Ok($"{Name} completed, nothing to do");
        }

        if (!move && await session.Services.Quota.IsFullAsync(session.Account, cancellationToken).ConfigureAwait(false))
        {
            return ImapCompletion.No("[OVERQUOTA] the mailbox is full");
        }

        var pairs = session.Services.Store.Copy(session.Account, selected.Info.Id, uids, target.Id, move);
        var copyUid = $"[COPYUID {target.UidValidity} {UidSet.Format(pairs.Select(p => p.SourceUid))} {UidSet.Format(pairs.Select(p => p.TargetUid))}]";
        if (!move)
        {
            await session.SynchronizeAsync(allowExpunge: command.IsUid, cancellationToken).ConfigureAwait(false);
            return ImapCompletion.Ok($"{copyUid} {Name} completed");
        }

        session.Output.Untagged($"OK {copyUid} moved");
        selected.Expunged(session, pairs.Select(p => p.SourceUid).ToList());
        await session.SynchronizeAsync(allowExpunge: true, cancellationToken).ConfigureAwait(false);
        return ImapCompletion.Ok($"{Name} completed");
    }
}
