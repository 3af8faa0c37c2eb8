using System.Globalization;
using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>SELECT and EXAMINE (RFC 9051 6.3.2, 6.3.3) with the CONDSTORE parameter and QRESYNC resynchronisation
/// (RFC 7162 3.2.5: VANISHED (EARLIER) and FETCH of what changed since the client's MODSEQ).</summary>
internal sealed class SelectCommand(bool readOnly) : IImapCommand
{
    public string Name => readOnly ? "EXAMINE" : "SELECT";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count is < 1 or > 2)
        {
            throw new ImapSyntaxException($"{Name} needs a mailbox name");
        }

        var (condStore, qresync) = Parameters(session, command);
        var name = MailboxArgument.Name(session, command, 0);
        if (session.Selected is not null)
        {
            // The previous mailbox is closed first (RFC 7162 3.2.11): its responses end here.
            session.Selected = null;
            session.State = ImapState.Authenticated;
            session.Output.Untagged("OK [CLOSED] previous mailbox closed");
        }

        var mailbox = MailboxArgument.Existing(session, name);
        var contents = session.Services.Store.Index.Contents;
        // The rows and the MODSEQ the session starts from come from one snapshot: a message delivered after it has a
        // higher MODSEQ, so the next synchronisation reports it (UIDNEXT, read after, may already count it).
        var snapshot = contents.Snapshot(mailbox.Id);
        var states = snapshot.Rows;
        var current = session.Services.Store.Index.Catalog.Find(session.Account, mailbox.Name) ?? mailbox;
        session.CondStore |= condStore || qresync is not null;
        var selected = new SelectedMailbox(current, readOnly, states, snapshot.HighestModSeq);

        // Keywords appear after the system flags in the stored text; most messages have none.
        var keywords = new List<string>();
        foreach (var state in states)
        {
            if (state.Flags.Length > 0 && state.Flags[state.Flags.LastIndexOf(' ') + 1] != '\\')
            {
                keywords.AddRange(MessageFlags.Parse(state.Flags).Where(f => !f.StartsWith('\\') && !keywords.Contains(f, StringComparer.OrdinalIgnoreCase)));
            }
        }

        var flags = string.Join(' ', MessageFlags.System.Concat(keywords));
        var output = session.Output;
        output.Untagged($"FLAGS ({flags})");
        output.Untagged(readOnly ? "OK [PERMANENTFLAGS ()] read-only" : $"OK [PERMANENTFLAGS ({flags} \\*)] flags permitted");
        output.Untagged($"{states.Count.ToString(CultureInfo.InvariantCulture)} EXISTS");
        if (!session.Enabled.Contains("IMAP4rev2"))
        {
            output.Untagged("0 RECENT");
            var firstUnseen = -1;
            for (var i = 0; i < states.Count && firstUnseen < 0; i++)
            {
                // \Seen is always stored first and in this spelling (MessageFlags.Format).
                if (!states[i].Flags.StartsWith("\\Seen", StringComparison.Ordinal))
                {
                    firstUnseen = i;
                }
            }

            if (firstUnseen >= 0)
            {
                output.Untagged($"OK [UNSEEN {(firstUnseen + 1).ToString(CultureInfo.InvariantCulture)}] first unseen");
            }
        }

        output.Untagged($"OK [UIDVALIDITY {current.UidValidity.ToString(CultureInfo.InvariantCulture)}] UIDs valid");
        output.Untagged($"OK [UIDNEXT {current.UidNext.ToString(CultureInfo.InvariantCulture)}] predicted next UID");
        output.Untagged($"OK [HIGHESTMODSEQ {snapshot.HighestModSeq.ToString(CultureInfo.InvariantCulture)}] highest");
        if (session.Enabled.Contains("IMAP4rev2"))
        {
            output.Write("* LIST () \"/\" ");
            MailboxArgument.Write(session, current.Name);
            output.Write("\r\n"u8);
        }

        if (qresync is { } resync && resync.UidValidity == current.UidValidity)
        {
            Resynchronize(session, selected, resync);
        }

        session.Selected = selected;
        session.State = ImapState.Selected;
        await Task.CompletedTask.ConfigureAwait(false);
        return ImapCompletion.Ok($"[{(readOnly ? "READ-ONLY" : "READ-WRITE")}] {Name} completed");
    }

    private static (bool CondStore, QresyncParameters? Qresync) Parameters(ImapSession session, ImapCommandLine command)
    {
        if (command.Arguments.Count < 2)
        {
            return (false, null);
        }

        var list = command.Arguments[1];
        if (list.Kind != ImapTokenKind.List)
        {
            throw new ImapSyntaxException("expected a parameter list");
        }

        var condStore = false;
        QresyncParameters? qresync = null;
        for (var i = 0; i < list.Children.Count; i++)
        {
            switch (list.Children[i].Keyword)
            {
                case "CONDSTORE":
                    condStore = true;
                    break;
                case "QRESYNC" when i + 1 < list.Children.Count:
                    if (!session.Enabled.Contains("QRESYNC"))
                    {
                        throw new ImapSyntaxException("QRESYNC must be enabled first");
                    }

                    qresync = QresyncParameters.Parse(list.Children[++i]);
                    break;
                default:
                    throw new ImapSyntaxException($"unknown SELECT parameter {list.Children[i]}");
            }
        }

        return (condStore, qresync);
    }

    private static void Resynchronize(ImapSession session, SelectedMailbox selected, QresyncParameters resync)
    {
        var (_, changed, expunged) = session.Services.Store.Index.Contents.ChangesSince(selected.Info.Id, resync.ModSeq);
        // Without known UIDs the client may know any UID it was ever given (RFC 7162 3.2.5.2).
        var vanished = UidSet.Format(expunged.Within(resync.KnownUids is { } known ? known.Ranges(expunged.UidNext - 1) : [(1, expunged.UidNext - 1)]));
        if (vanished.Length > 0)
        {
            session.Output.Untagged("VANISHED (EARLIER) " + vanished);
        }

        foreach (var row in changed)
        {
            session.Output.Untagged(FlagsResponse.Format(selected.SequenceOf(row.Uid), row, session, includeUid: true));
        }
    }
}
