using System.Globalization;
using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>One FETCH data item as requested: its name (upper case, without section), the section text inside
/// "[...]" (null when there is none), whether it is a .PEEK, and the partial range "&lt;offset.count&gt;".</summary>
internal sealed record FetchItem(string Name, string? Section, bool Peek, long? Offset, long? Count)
{
    private const int MaxItems = 100;

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
                return macro.Select(name => new FetchItem(name, null, false, null, null)).ToList();
            }
        }

        return tokens.Select(Parse).ToList();
    }

    /// <summary>The name the response uses: "BODY[1.MIME]&lt;0&gt;" for "BODY.PEEK[1.MIME]&lt;0.100&gt;".</summary>
    public string ResponseName
    {
        get
        {
            if (Section is null)
            {
                return Name;
            }

            var name = Name.Replace(".PEEK", string.Empty, StringComparison.Ordinal) + "[" + Section + "]";
            return Offset is { } offset ? name + "<" + offset.ToString(CultureInfo.InvariantCulture) + ">" : name;
        }
    }

    private static FetchItem Parse(ImapToken token)
    {
        if (token.Kind != ImapTokenKind.Atom)
        {
            throw new ImapSyntaxException("expected a FETCH item");
        }

        var text = token.Text;
        var open = text.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            var simple = text.ToUpperInvariant();
            return simple is "FLAGS" or "UID" or "INTERNALDATE" or "RFC822.SIZE" or "ENVELOPE" or "BODYSTRUCTURE" or "BODY" or "MODSEQ"
                or "RFC822" or "RFC822.HEADER" or "RFC822.TEXT"
                ? new FetchItem(simple, null, false, null, null)
                : throw new ImapSyntaxException($"unknown FETCH item {text}");
        }

        var name = text[..open].ToUpperInvariant();
        if (name is not ("BODY" or "BODY.PEEK" or "BINARY" or "BINARY.PEEK" or "BINARY.SIZE"))
        {
            throw new ImapSyntaxException($"unknown FETCH item {text}");
        }

        var close = text.IndexOf(']', open);
        var section = text[(open + 1)..close];
        var rest = text[(close + 1)..];
        long? offset = null, count = null;
        if (rest.Length > 0)
        {
            var dot = rest.IndexOf('.', StringComparison.Ordinal);
            if (name == "BINARY.SIZE" || rest[0] != '<' || rest[^1] != '>' || dot < 0
                || !long.TryParse(rest[1..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var o)
                || !long.TryParse(rest[(dot + 1)..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var c) || c == 0)
            {
                throw new ImapSyntaxException($"invalid partial range in {text}");
            }

            (offset, count) = (o, c);
        }

        return new FetchItem(name, section.ToUpperInvariant().Contains("HEADER.FIELDS", StringComparison.Ordinal) ? section : section.ToUpperInvariant(),
            name.EndsWith(".PEEK", StringComparison.Ordinal) || name == "BINARY.SIZE", offset, count);
    }
}
