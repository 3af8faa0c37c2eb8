using Mail.Server.Imap.Protocol;
using Mail.Server.Imap.Search;

namespace Mail.Server.Imap.Sorting;

/// <summary>The part SORT and THREAD share after their first argument: the charset (UTF-8 or US-ASCII) and the
/// search keys, evaluated over the selected mailbox.</summary>
internal static class SortingSearch
{
    /// <summary>The matching UIDs (ascending) and the parsed keys, or null when the charset is not supported (the
    /// caller answers NO [BADCHARSET]); a syntax error for missing or malformed arguments.</summary>
    public static (IReadOnlyList<long> Uids, SearchKey Criteria)? Run(ImapSession session, IReadOnlyList<ImapToken> arguments, int charsetPosition, CancellationToken cancellationToken)
    {
        if (charsetPosition >= arguments.Count)
        {
            throw new ImapSyntaxException("a charset and search criteria are required");
        }

        if (!SortCharset.IsSupported(arguments[charsetPosition]))
        {
            return null;
        }

        var criteria = SearchKeyParser.Parse(arguments, charsetPosition + 1);
        return (new SearchMatcher(session).Match(criteria, cancellationToken), criteria);
    }

    /// <summary>True when the search used CONDSTORE's MODSEQ key (RFC 7162 3.1.5).</summary>
    public static bool UsesModSeq(SearchKey key) => key.Kind == SearchKeyKind.ModSeq || key.Children.Any(UsesModSeq);
}
