using System.Globalization;
using System.Text;
using Mail.Server.Imap.Protocol;
using Mail.Server.Imap.Sorting;

namespace Mail.Server.Imap.Commands;

/// <summary>SORT and UID SORT (RFC 5256 section 3) with the DISPLAYFROM and DISPLAYTO keys (RFC 5957): the matching
/// messages as sequence numbers (or UIDs) in the order of the criteria, with CONDSTORE's MODSEQ when the search used
/// it (RFC 7162 3.1.5).</summary>
internal sealed class SortCommand : IImapCommand
{
    public string Name => "SORT";

    public ImapState AllowedIn => ImapState.Selected;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        var arguments = command.Arguments;
        if (arguments.Count == 0)
        {
            throw new ImapSyntaxException("SORT needs sort criteria, a charset and search criteria");
        }

        var criteria = SortCriteriaParser.Parse(arguments[0]);
        if (SortingSearch.Run(session, arguments, 1, cancellationToken) is not { } found)
        {
            return ImapCompletion.No(SortCharset.Refusal);
        }

        var (uids, search) = found;
        var depth = criteria.Any(c => c.NeedsEnvelope) ? MessageFactsDepth.Envelope : MessageFactsDepth.Row;
        var facts = await MessageFactsReader.ReadAsync(session, uids, depth, cancellationToken).ConfigureAwait(false);
        var sorted = MessageSorter.Sort(facts, criteria);

        var line = new StringBuilder("SORT");
        foreach (var message in sorted)
        {
            line.Append(' ').Append((command.IsUid ? message.Uid : message.Sequence).ToString(CultureInfo.InvariantCulture));
        }

        if (SortingSearch.UsesModSeq(search))
        {
            session.CondStore = true;
            if (sorted.Count > 0)
            {
                var selected = session.Selected!;
                line.Append(" (MODSEQ ").Append(sorted.Max(m => selected.Row(session, m.Uid).ModSeq).ToString(CultureInfo.InvariantCulture)).Append(')');
            }
        }

        session.Output.Untagged(line.ToString());
        await session.SynchronizeAsync(allowExpunge: command.IsUid, cancellationToken).ConfigureAwait(false);
        return ImapCompletion.Ok($"{(command.IsUid ? "UID " : string.Empty)}SORT completed");
    }
}
