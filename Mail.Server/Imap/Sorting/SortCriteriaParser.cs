using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Sorting;

/// <summary>Parses the parenthesised sort-criteria of SORT (RFC 5256 section 5, RFC 5957 section 5).</summary>
internal static class SortCriteriaParser
{
    // Every key at most once with and without REVERSE is already more than any client sends.
    private const int MaxCriteria = 32;

    /// <summary>The criteria in order; a syntax error for an empty list, an unknown key or a dangling REVERSE.</summary>
    public static IReadOnlyList<SortCriterion> Parse(ImapToken list)
    {
        if (list.Kind != ImapTokenKind.List || list.Children.Count == 0)
        {
            throw new ImapSyntaxException("SORT needs a parenthesised list of sort criteria");
        }

        if (list.Children.Count > MaxCriteria)
        {
            throw new ImapSyntaxException("too many sort criteria");
        }

        var criteria = new List<SortCriterion>();
        var reverse = false;
        foreach (var token in list.Children)
        {
            var keyword = token.Keyword;
            if (keyword == "REVERSE")
            {
                if (reverse)
                {
                    throw new ImapSyntaxException("REVERSE must be followed by a sort key");
                }

                reverse = true;
                continue;
            }

            criteria.Add(new SortCriterion(Key(keyword), reverse));
            reverse = false;
        }

        return reverse ? throw new ImapSyntaxException("REVERSE must be followed by a sort key") : criteria;
    }

    private static SortKeyKind Key(string keyword) => keyword switch
    {
        "ARRIVAL" => SortKeyKind.Arrival,
        "CC" => SortKeyKind.Cc,
        "DATE" => SortKeyKind.Date,
        "FROM" => SortKeyKind.From,
        "SIZE" => SortKeyKind.Size,
        "SUBJECT" => SortKeyKind.Subject,
        "TO" => SortKeyKind.To,
        "DISPLAYFROM" => SortKeyKind.DisplayFrom,
        "DISPLAYTO" => SortKeyKind.DisplayTo,
        _ => throw new ImapSyntaxException($"unknown sort key {(keyword.Length > 0 ? keyword : "(not an atom)")}"),
    };
}
