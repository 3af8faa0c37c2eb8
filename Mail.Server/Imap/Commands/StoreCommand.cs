using System.Globalization;
using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>STORE and UID STORE (RFC 9051 6.4.6) with .SILENT and CONDSTORE's UNCHANGEDSINCE (RFC 7162 3.1.3:
/// messages changed meanwhile are left alone and listed in [MODIFIED]).</summary>
internal sealed class StoreCommand : IImapCommand
{
    public string Name => "STORE";

    public ImapState AllowedIn => ImapState.Selected;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        var arguments = command.Arguments;
        if (arguments.Count < 3)
        {
            throw new ImapSyntaxException("STORE needs a set, an action and flags");
        }

        var selected = session.Selected!;
        var uids = MessageSet.Uids(session, arguments[0], command.IsUid);
        var position = 1;
        long? unchangedSince = null;
        if (arguments[1].Kind == ImapTokenKind.List)
        {
            var modifier = arguments[1].Children;
            if (modifier.Count != 2 || modifier[0].Keyword != "UNCHANGEDSINCE"
                || !long.TryParse(modifier[1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var since))
            {
                throw new ImapSyntaxException("expected (UNCHANGEDSINCE modseq)");
            }

            unchangedSince = since;
            session.CondStore = true;
            position++;
        }

        var action = arguments[position].Keyword;
        var silent = action.EndsWith(".SILENT", StringComparison.Ordinal);
        var change = action.Replace(".SILENT", string.Empty, StringComparison.Ordinal) switch
        {
            "FLAGS" => FlagChange.Replace,
            "+FLAGS" => FlagChange.Add,
            "-FLAGS" => FlagChange.Remove,
            _ => throw new ImapSyntaxException($"unknown STORE action {action}"),
        };
        var flagTokens = arguments.Skip(position + 1).ToList();
        var flags = FlagArguments.Parse(flagTokens.Count == 1 && flagTokens[0].Kind == ImapTokenKind.List ? flagTokens[0].Children : flagTokens);
        if (selected.ReadOnly)
        {
            return ImapCompletion.No("[READ-ONLY] the mailbox is read-only");
        }

        var update = session.Services.Store.StoreFlags(session.Account, selected.Info.Id, uids, change, flags, unchangedSince);
        foreach (var row in update.Updated)
        {
            var before = selected.ReportedModSeq(row.Uid);
            selected.Update(row);

            // .SILENT still reports a MODSEQ change to a CONDSTORE client (RFC 7162 3.2), and a message whose flags
            // did not change is still reported without .SILENT.
            if (!silent || (session.CondStore && before is { } reported && reported != row.ModSeq))
            {
                session.Output.Untagged(FlagsResponse.Format(selected.SequenceOf(row.Uid), row, session, includeUid: command.IsUid));
            }
        }

        await session.SynchronizeAsync(allowExpunge: command.IsUid, cancellationToken).ConfigureAwait(false);
        if (update.Modified.Count > 0)
        {
            var modified = command.IsUid ? update.Modified : update.Modified.Select(uid => (long)selected.SequenceOf(uid)).ToList();
            return ImapCompletion.Ok($"[MODIFIED {UidSet.Format(modified.Order())}] conditional STORE failed for some messages");
        }

        return ImapCompletion.Ok($"{(command.IsUid ? "UID " : string.Empty)}STORE completed");
    }
}
