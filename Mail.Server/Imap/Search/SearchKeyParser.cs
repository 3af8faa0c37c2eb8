using System.Globalization;
using Mail.Directory.Addressing;
using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Search;

/// <summary>Parses SEARCH criteria (RFC 9051 6.4.4 search-key) from command tokens into a <see cref="SearchKey"/>
/// tree; every operand is checked, an unknown key is a BAD.</summary>
public static class SearchKeyParser
{
    private const int MaxKeys = 500;

    /// <summary>All keys from <paramref name="start"/> on, ANDed.</summary>
    public static SearchKey Parse(IReadOnlyList<ImapToken> tokens, int start)
    {
        var position = start;
        var count = 0;
        var keys = new List<SearchKey>();
        while (position < tokens.Count)
        {
            keys.Add(ParseOne(tokens, ref position, ref count));
        }

        return keys.Count == 0 ? throw new ImapSyntaxException("SEARCH needs criteria") : new SearchKey(SearchKeyKind.And) { Children = keys };
    }

    private static SearchKey ParseOne(IReadOnlyList<ImapToken> tokens, ref int position, ref int count)
    {
        if (++count > MaxKeys)
        {
            throw new ImapSyntaxException("too many search keys");
        }

        var token = tokens[position++];
        if (token.Kind == ImapTokenKind.List)
        {
            var inner = 0;
            var children = new List<SearchKey>();
            while (inner < token.Children.Count)
            {
                children.Add(ParseOne(token.Children, ref inner, ref count));
            }

            return children.Count == 0 ? throw new ImapSyntaxException("empty search list") : new SearchKey(SearchKeyKind.And) { Children = children };
        }

        if (token.Kind != ImapTokenKind.Atom)
        {
            throw new ImapSyntaxException($"unexpected search argument {token}");
        }

        var keyword = token.Keyword;
        switch (keyword)
        {
            case "ALL":
                return new SearchKey(SearchKeyKind.All);
            case "ANSWERED" or "DELETED" or "DRAFT" or "FLAGGED" or "SEEN":
                return Flag(SearchKeyKind.Flag, "\\" + keyword);
            case "UNANSWERED" or "UNDELETED" or "UNDRAFT" or "UNFLAGGED" or "UNSEEN":
                return Flag(SearchKeyKind.NoFlag, "\\" + keyword[2..]);
            case "NEW":
                return Flag(SearchKeyKind.NoFlag, "\\Seen");
            case "OLD":
                return new SearchKey(SearchKeyKind.All);
            case "RECENT":
                return new SearchKey(SearchKeyKind.Not) { Children = [new SearchKey(SearchKeyKind.All)] };
            case "KEYWORD" or "UNKEYWORD":
                return Flag(keyword == "KEYWORD" ? SearchKeyKind.Flag : SearchKeyKind.NoFlag, Operand(tokens, ref position, keyword).Text);
            case "FROM" or "TO" or "CC" or "BCC" or "SUBJECT":
                return new SearchKey(SearchKeyKind.Header) { Field = keyword.ToLowerInvariant(), Text = SearchText.Fold(Operand(tokens, ref position, keyword).Text) };
            case "HEADER":
                var field = Operand(tokens, ref position, keyword).Text.ToLowerInvariant();
                return new SearchKey(SearchKeyKind.Header) { Field = field, Text = SearchText.Fold(Operand(tokens, ref position, keyword).Text) };
            case "BODY" or "TEXT":
                return new SearchKey(keyword == "BODY" ? SearchKeyKind.Body : SearchKeyKind.Text) { Text = SearchText.Fold(Operand(tokens, ref position, keyword).Text) };
            case "BEFORE" or "ON" or "SINCE" or "SENTBEFORE" or "SENTON" or "SENTSINCE":
                return new SearchKey(Enum.Parse<SearchKeyKind>(keyword, ignoreCase: true)) { Day = Day(Operand(tokens, ref position, keyword).Text) };
            case "LARGER" or "SMALLER":
                return new SearchKey(keyword == "LARGER" ? SearchKeyKind.Larger : SearchKeyKind.Smaller) { Number = Number(Operand(tokens, ref position, keyword)) };
            case "UID":
                return new SearchKey(SearchKeyKind.Uid) { Set = SequenceSet.Parse(Operand(tokens, ref position, keyword).Value.Span) };
            case "MODSEQ":
                // MODSEQ [entry-name entry-type] mod-sequence-valzer: the optional entry is accepted and ignored.
                if (position + 2 < tokens.Count && tokens[position].IsString)
                {
                    position += 2;
                }

                return new SearchKey(SearchKeyKind.ModSeq) { Number = Number(Operand(tokens, ref position, keyword)) };
            case "NOT":
                return new SearchKey(SearchKeyKind.Not) { Children = [Next(tokens, ref position, ref count, keyword)] };
            case "OR":
                var left = Next(tokens, ref position, ref count, keyword);
                return new SearchKey(SearchKeyKind.Or) { Children = [left, Next(tokens, ref position, ref count, keyword)] };
            default:
                if (char.IsAsciiDigit(keyword[0]) || keyword[0] is '*' or '$')
                {
                    return new SearchKey(SearchKeyKind.Sequence) { Set = SequenceSet.Parse(token.Value.Span) };
                }

                throw new ImapSyntaxException($"unknown search key {keyword}");
        }
    }

    private static SearchKey Flag(SearchKeyKind kind, string flag) =>
        new(kind) { Text = Mail.Server.Store.MessageFlags.CanonicalSystem(flag) ?? flag };

    private static SearchKey Next(IReadOnlyList<ImapToken> tokens, ref int position, ref int count, string keyword) =>
        position < tokens.Count ? ParseOne(tokens, ref position, ref count) : throw new ImapSyntaxException($"{keyword} needs a search key");

    private static ImapToken Operand(IReadOnlyList<ImapToken> tokens, ref int position, string keyword) =>
        position < tokens.Count && tokens[position].Kind != ImapTokenKind.List ? tokens[position++] : throw new ImapSyntaxException($"{keyword} needs an argument");

    private static long Number(ImapToken token) =>
        long.TryParse(token.Text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : throw new ImapSyntaxException("expected a number");

    private static DateOnly Day(string text) =>
        DateOnly.TryParseExact(text, ["d-MMM-yyyy", "dd-MMM-yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
            ? day
            : throw new ImapSyntaxException($"invalid date {text}");
}
