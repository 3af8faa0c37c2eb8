using System.Globalization;
using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>FETCH and UID FETCH (RFC 9051 6.4.5) with every data item, the CHANGEDSINCE and VANISHED modifiers
/// (RFC 7162 3.1.4, 3.2.6), and the implicit \Seen of a non-PEEK body fetch in a read-write mailbox (its FLAGS then
/// come with the response).</summary>
internal sealed class FetchCommand : IImapCommand
{
    public string Name => "FETCH";

    public ImapState AllowedIn => ImapState.Selected;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        var arguments = command.Arguments;
        if (arguments.Count is < 2 or > 3)
        {
            throw new ImapSyntaxException("FETCH needs a set and items");
        }

        var selected = session.Selected!;
        var uids = MessageSet.Uids(session, arguments[0], command.IsUid);
        var items = FetchItem.ParseAll(arguments[1]).ToList();
        var (changedSince, vanished) = Modifiers(session, command, arguments.Count == 3 ? arguments[2] : null);
        if (command.IsUid && !items.Any(i => i.Name == "UID"))
        {
            items.Insert(0, FetchItem.Named("UID"));
        }

        if (changedSince is not null && !items.Any(i => i.Name == "MODSEQ"))
        {
            items.Add(FetchItem.Named("MODSEQ"));
        }

        if (items.Any(i => i.Name == "MODSEQ"))
        {
            session.CondStore = true;
        }

        if (vanished && changedSince is { } since)
        {
            var (_, _, expunged) = session.Services.Store.Index.Contents.ChangesSince(selected.Info.Id, since);
            var requested = SequenceSet.Parse(arguments[0].Value.Span);
            var gone = UidSet.Format(expunged.Within(requested.Ranges(expunged.UidNext - 1)).Where(uid => !selected.Contains(uid)));
            if (gone.Length > 0)
            {
                session.Output.Untagged("VANISHED (EARLIER) " + gone);
            }
        }

        selected.Prefetch(session, uids);
        // Read for the whole range on the first message that needs one: with the formatted responses cached, a
        // FETCH of ENVELOPE and BODYSTRUCTURE may need none.
        IReadOnlyDictionary<long, MessageAnalysis>? analyses = null;
        MessageAnalysis? Prefetched(long uid)
        {
            if (uids.Count < 2)
            {
                return null;
            }

            analyses ??= session.Services.Store.Index.Analyses(selected.Info.Id, uids[0], uids[^1]);
            return analyses.GetValueOrDefault(uid);
        }

        var marksSeen = !selected.ReadOnly && items.Any(i => i.SetsSeen);
        foreach (var uid in uids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (selected.TryRow(session, uid) is not { } row)
            {
                continue;
            }

            if (changedSince is { } threshold && row.ModSeq <= threshold)
            {
                continue;
            }

            var flagsChanged = false;
            if (marksSeen && !MessageFlags.Has(row.Flags, "\\Seen"))
            {
                var update = session.Services.Store.StoreFlags(session.Account, selected.Info.Id, [uid], FlagChange.Add, ["\\Seen"], null);
                if (update.Updated.Count == 1)
                {
                    row = update.Updated[0];
                    selected.Update(row);
                    flagsChanged = true;
                }
            }

            await WriteMessageAsync(session, selected.SequenceOf(uid), row, Prefetched, items, flagsChanged, cancellationToken).ConfigureAwait(false);
        }

        await session.SynchronizeAsync(allowExpunge: command.IsUid, cancellationToken).ConfigureAwait(false);
        return ImapCompletion.Ok($"{(command.IsUid ? "UID " : string.Empty)}FETCH completed");
    }

    private static (long? ChangedSince, bool Vanished) Modifiers(ImapSession session, ImapCommandLine command, ImapToken? token)
    {
        if (token is null)
        {
            return (null, false);
        }

        if (token.Kind != ImapTokenKind.List)
        {
            throw new ImapSyntaxException("expected FETCH modifiers in parentheses");
        }

        long? changedSince = null;
        var vanished = false;
        var list = token.Children;
        for (var i = 0; i < list.Count; i++)
        {
            switch (list[i].Keyword)
            {
                case "CHANGEDSINCE" when i + 1 < list.Count && long.TryParse(list[i + 1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value):
                    changedSince = value;
                    i++;
                    break;
                case "VANISHED":
                    vanished = true;
                    break;
                default:
                    throw new ImapSyntaxException($"unknown FETCH modifier {list[i]}");
            }
        }

        if (vanished && (!command.IsUid || changedSince is null || !session.Enabled.Contains("QRESYNC")))
        {
            throw new ImapSyntaxException("VANISHED needs UID FETCH, CHANGEDSINCE and ENABLE QRESYNC");
        }

        session.CondStore = true;
        return (changedSince, vanished);
    }

    private static async Task WriteMessageAsync(
        ImapSession session, int sequence, MessageRow row, Func<long, MessageAnalysis?> prefetched, List<FetchItem> items, bool flagsChanged, CancellationToken cancellationToken)
    {
        var output = session.Output;
        var content = new FetchContent(session, row, prefetched);
        await using var _ = content.ConfigureAwait(false);
        await content.CheckBinaryAsync(items, cancellationToken).ConfigureAwait(false);
        output.Write($"* {sequence.ToString(CultureInfo.InvariantCulture)} FETCH (");
        var first = true;
        foreach (var item in items)
        {
            if (!first)
            {
                output.Write(" "u8);
            }

            first = false;
            switch (item.Name)
            {
                case "UID":
                    output.Write("UID " + row.Uid.ToString(CultureInfo.InvariantCulture));
                    break;
                case "FLAGS":
                    output.Write($"FLAGS ({row.Flags})");
                    break;
                case "INTERNALDATE":
                    output.Write("INTERNALDATE \"" + InternalDate(row.InternalDateTime) + "\"");
                    break;
                case "RFC822.SIZE":
                    output.Write("RFC822.SIZE " + row.Size.ToString(CultureInfo.InvariantCulture));
                    break;
                case "MODSEQ":
                    output.Write("MODSEQ (" + row.ModSeq.ToString(CultureInfo.InvariantCulture) + ")");
                    break;
                default:
                    await content.WriteAsync(item, cancellationToken).ConfigureAwait(false);
                    break;
            }
        }

        if (flagsChanged && !items.Any(i => i.Name == "FLAGS"))
        {
            output.Write($" FLAGS ({row.Flags})");
        }

        output.Write(")\r\n"u8);
    }

    // date-time (RFC 9051 9): "dd-Mon-yyyy hh:mm:ss +hhmm" with the date's own zone.
    private static string InternalDate(DateTimeOffset date)
    {
        var offset = (int)date.Offset.TotalMinutes;
        var zone = Math.Abs(offset);
        return date.ToString("dd-MMM-yyyy HH:mm:ss ", CultureInfo.InvariantCulture)
            + (offset < 0 ? "-" : "+") + (zone / 60).ToString("00", CultureInfo.InvariantCulture) + (zone % 60).ToString("00", CultureInfo.InvariantCulture);
    }
}
