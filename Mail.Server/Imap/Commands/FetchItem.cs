using Mail.Server.Imap.Fetch;
using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>One FETCH data item as requested: its name in upper case and, for the items with a section (BODY[...],
/// BINARY[...] and the RFC822 forms), the parsed section item.</summary>
internal sealed record FetchItem(string Name, FetchBodyItem? Body)
{
    private const int MaxItems = 100;

    private static readonly HashSet<string> Simple = new(StringComparer.Ordinal)
    {
        "FLAGS", "UID", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODYSTRUCTURE", "BODY", "MODSEQ",
    };

    /// <summary>True when fetching it sets \Seen (BODY[...], BINARY[...], RFC822, RFC822.TEXT).</summary>
    public bool SetsSeen => Body?.SetsSeen ?? Name is "RFC822" or "RFC822.TEXT";

    /// <summary>The name the response uses.</summary>
    public string ResponseName => Name is "RFC822" or "RFC822.HEADER" or "RFC822.TEXT" ? Name : Body?.ResponseLabel ?? Name;

    /// <summary>Reads the item list of a FETCH (a list, one item, or ALL / FAST / FULL).</summary>
    public static IReadOnlyList<FetchItem> ParseAll(ImapToken token)
    {
        var tokens = token.Kind == ImapTokenKind.List ? token.Children : [token];
        if (tokens.Count == 0 || tokens.Count > MaxItems)
        {
            throw new ImapSyntaxException("expected FETCH items");
        }

        if (tokens.Count == 1 && token.Kind == ImapTokenKind.Atom)
        {
            var macro = token.Keyword switch
            {
                "ALL" => new[] { "FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE" },
                "FAST" => ["FLAGS", "INTERNALDATE", "RFC822.SIZE"],
                "FULL" => ["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"],
                _ => null,
            };
            if (macro is not null)
            {
                return macro.Select(name => new FetchItem(name, null)).ToList();
            }
        }

        return tokens.Select(Parse).ToList();
    }

    /// <summary>A simple item by name (UID, MODSEQ) that a command adds on its own.</summary>
    public static FetchItem Named(string name) => new(name, null);

    private static FetchItem Parse(ImapToken token)
    {
        if (token.Kind != ImapTokenKind.Atom)
        {
            throw new ImapSyntaxException("expected a FETCH item");
        }

        if (token.Value.Span.IndexOf((byte)'[') >= 0)
        {
            return FetchBodyItem.TryParse(token.Value.Span, FetchSectionLimits.Default, out var body, out var error)
                ? new FetchItem(body.Kind.ToString().ToUpperInvariant(), body)
                : throw new ImapSyntaxException(error);
        }

        var name = token.Keyword;
        return name switch
        {
            "RFC822" => new FetchItem(name, new FetchBodyItem(FetchBodyItemKind.Body, FetchSection.Whole, null)),
            "RFC822.HEADER" => new FetchItem(name, new FetchBodyItem(FetchBodyItemKind.BodyPeek, FetchSection.MessageHeader, null)),
            "RFC822.TEXT" => new FetchItem(name, new FetchBodyItem(FetchBodyItemKind.Body, FetchSection.MessageText, null)),
            _ when Simple.Contains(name) => new FetchItem(name, null),
            _ => throw new ImapSyntaxException($"unknown FETCH item {token.Text}"),
        };
    }
}
