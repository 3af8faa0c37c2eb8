using System.Globalization;
using System.Text;
using Mail.Server.Imap.Protocol;
using Mail.Server.Imap.Search;

namespace Mail.Server.Imap.Commands;

/// <summary>SEARCH and UID SEARCH (RFC 9051 6.4.4) with ESEARCH return options MIN, MAX, COUNT, ALL (RFC 4731),
/// SAVE for "$" (RFC 5182), CHARSET UTF-8/US-ASCII, and CONDSTORE's MODSEQ key (RFC 7162 3.1.5). After ENABLE
/// IMAP4rev2 results always come as ESEARCH.</summary>
internal sealed class SearchCommand : IImapCommand
{
    public string Name => "SEARCH";

    public ImapState AllowedIn => ImapState.Selected;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        var arguments = command.Arguments;
        var position = 0;
        HashSet<string>? options = null;
        if (arguments.Count > 1 && arguments[0].Keyword == "RETURN" && arguments[1].Kind == ImapTokenKind.List)
        {
            options = arguments[1].Children.Select(o => o.Keyword).ToHashSet(StringComparer.Ordinal);
            if (options.Any(o => o is not ("MIN" or "MAX" or "COUNT" or "ALL" or "SAVE")))
            {
                throw new ImapSyntaxException("unknown SEARCH return option");
            }

            if (options.Count == 0)
            {
                options.Add("ALL");
            }

            position = 2;
        }

        if (position < arguments.Count && arguments[position].Keyword == "CHARSET")
        {
            var charset = position + 1 < arguments.Count ? arguments[position + 1].Text.ToUpperInvariant() : string.Empty;
            if (charset is not ("UTF-8" or "US-ASCII"))
            {
                return ImapCompletion.No("[BADCHARSET (UTF-8 US-ASCII)] unsupported charset");
            }

            position += 2;
        }

        var criteria = SearchKeyParser.Parse(arguments, position);
        var uids = new SearchMatcher(session).Match(criteria, cancellationToken);
        var selected = session.Selected!;
        var numbers = command.IsUid ? uids : uids.Select(uid => (long)selected.SequenceOf(uid)).ToList();
        var usesModSeq = UsesModSeq(criteria);
        if (usesModSeq)
        {
            session.CondStore = true;
        }

        if (options is null && session.Enabled.Contains("IMAP4rev2"))
        {
            options = ["ALL"];
        }

        if (options is null)
        {
            var line = new StringBuilder("SEARCH");
            foreach (var number in numbers)
            {
                line.Append(' ').Append(number.ToString(CultureInfo.InvariantCulture));
            }

            if (usesModSeq && uids.Count > 0)
            {
                line.Append(" (MODSEQ ").Append(uids.Max(uid => selected.Row(session, uid).ModSeq).ToString(CultureInfo.InvariantCulture)).Append(')');
            }

            session.Output.Untagged(line.ToString());
        }
        else
        {
            if (options.Contains("SAVE"))
            {
                session.SavedSearch = uids;
            }

            if (options.Count > 1 || !options.Contains("SAVE"))
            {
                session.Output.Untagged(Esearch(command, options, numbers, usesModSeq ? uids.Select(uid => selected.Row(session, uid).ModSeq).DefaultIfEmpty().Max() : null));
            }
        }

        await session.SynchronizeAsync(allowExpunge: command.IsUid, cancellationToken).ConfigureAwait(false);
        return ImapCompletion.Ok($"{(command.IsUid ? "UID " : string.Empty)}SEARCH completed");
    }

    private static string Esearch(ImapCommandLine command, HashSet<string> options, IReadOnlyList<long> numbers, long? modseq)
    {
        var line = new StringBuilder($"ESEARCH (TAG \"{command.Tag}\")");
        if (command.IsUid)
        {
            line.Append(" UID");
        }

        if (numbers.Count > 0 && options.Contains("MIN"))
        {
            line.Append(" MIN ").Append(numbers[0].ToString(CultureInfo.InvariantCulture));
        }

        if (numbers.Count > 0 && options.Contains("MAX"))
        {
            line.Append(" MAX ").Append(numbers[^1].ToString(CultureInfo.InvariantCulture));
        }

        if (options.Contains("COUNT"))
        {
            line.Append(" COUNT ").Append(numbers.Count.ToString(CultureInfo.InvariantCulture));
        }

        if (numbers.Count > 0 && options.Contains("ALL"))
        {
            line.Append(" ALL ").Append(UidSet.Format(numbers));
        }

        if (modseq is > 0 && numbers.Count > 0)
        {
            line.Append(" MODSEQ ").Append(modseq.Value.ToString(CultureInfo.InvariantCulture));
        }

        return line.ToString();
    }

    private static bool UsesModSeq(SearchKey key) => key.Kind == SearchKeyKind.ModSeq || key.Children.Any(UsesModSeq);
}
