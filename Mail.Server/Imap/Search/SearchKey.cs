using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Search;

/// <summary>One node of a parsed SEARCH: its kind and operand (folded text, header name, day, number, set) and, for
/// NOT / OR / AND, the inner keys.</summary>
public sealed record SearchKey(SearchKeyKind Kind)
{
    /// <summary>The folded search text, or the flag for Flag/NoFlag.</summary>
    public string Text { get; init; } = string.Empty;

    /// <summary>The header field for Header keys (lower case).</summary>
    public string Field { get; init; } = string.Empty;

    /// <summary>The day for date keys.</summary>
    public DateOnly Day { get; init; }

    /// <summary>The number for LARGER, SMALLER, MODSEQ.</summary>
    public long Number { get; init; }

    /// <summary>The set for sequence and UID keys.</summary>
    public SequenceSet? Set { get; init; }

    /// <summary>The inner keys.</summary>
    public IReadOnlyList<SearchKey> Children { get; init; } = [];

    /// <summary>True when some key reads a header field the index keeps folded (<see cref="SearchHeaders"/>).</summary>
    public bool UsesKeptHeaders => (Kind == SearchKeyKind.Header && SearchHeaders.Covers(Field)) || Children.Any(c => c.UsesKeptHeaders);

    /// <summary>True when matching needs the message's header or body (not only the index row).</summary>
    public bool NeedsContent => Kind is SearchKeyKind.Header or SearchKeyKind.Body or SearchKeyKind.Text
        or SearchKeyKind.SentBefore or SearchKeyKind.SentOn or SearchKeyKind.SentSince || Children.Any(c => c.NeedsContent);
}
