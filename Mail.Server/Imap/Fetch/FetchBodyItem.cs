using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mail.Server.Imap.Fetch;

/// <summary>One FETCH data item with a section: BODY[...], BODY.PEEK[...], BINARY[...], BINARY.PEEK[...] or
/// BINARY.SIZE[...], with its partial range.</summary>
internal sealed class FetchBodyItem
{
    /// <summary>Creates the item.</summary>
    public FetchBodyItem(FetchBodyItemKind kind, FetchSection section, FetchPartial? partial)
    {
        Kind = kind;
        Section = section;
        Partial = partial;
    }

    /// <summary>Which item.</summary>
    public FetchBodyItemKind Kind { get; }

    /// <summary>The section.</summary>
    public FetchSection Section { get; }

    /// <summary>The partial range, if any (never for BINARY.SIZE).</summary>
    public FetchPartial? Partial { get; }

    /// <summary>True when fetching it sets \Seen (BODY and BINARY without .PEEK).</summary>
    public bool SetsSeen => Kind is FetchBodyItemKind.Body or FetchBodyItemKind.Binary;

    /// <summary>True for BINARY and BINARY.PEEK: the content is decoded and goes out as a literal8 (~{n}).</summary>
    public bool IsBinary => Kind is FetchBodyItemKind.Binary or FetchBodyItemKind.BinaryPeek;

    /// <summary>The item's name in the response: "BODY[1.MIME]&lt;0&gt;" for BODY.PEEK[1.MIME]&lt;0.100&gt;,
    /// "BINARY.SIZE[2]" (RFC 9051 7.5.2: no .PEEK, only the partial's offset).</summary>
    public string ResponseLabel
    {
        get
        {
            var name = Kind switch
            {
                FetchBodyItemKind.Binary or FetchBodyItemKind.BinaryPeek => "BINARY",
                FetchBodyItemKind.BinarySize => "BINARY.SIZE",
                _ => "BODY",
            };
            var label = name + "[" + Section.Spec + "]";
            return Partial is { } partial ? label + "<" + partial.Offset.ToString(CultureInfo.InvariantCulture) + ">" : label;
        }
    }

    /// <summary>Parses one item atom such as <c>BODY.PEEK[HEADER.FIELDS (From "To")]&lt;0.512&gt;</c> (the session's
    /// tokenizer hands the whole thing over as one atom); false with a message for the client (a BAD) when it is not a
    /// valid section item. Item names are matched ignoring case.</summary>
    public static bool TryParse(ReadOnlySpan<byte> atom, FetchSectionLimits limits, [NotNullWhen(true)] out FetchBodyItem? item, [NotNullWhen(false)] out string? error)
    {
        item = null;
        var open = atom.IndexOf((byte)'[');
        var close = atom.LastIndexOf((byte)']');
        if (open < 0 || close < open)
        {
            error = "expected a section in [ ]";
            return false;
        }

        if (!TryKind(atom[..open], out var kind))
        {
            error = "unknown FETCH item with a section; expected BODY, BODY.PEEK, BINARY, BINARY.PEEK or BINARY.SIZE";
            return false;
        }

        if (!FetchSection.TryParse(atom[(open + 1)..close], limits, out var section, out error))
        {
            return false;
        }

        if (kind is not (FetchBodyItemKind.Body or FetchBodyItemKind.BodyPeek) && section.Text != FetchSectionText.None)
        {
            // RFC 3516 / RFC 9051 9: section-binary = "[" [section-part] "]".
            error = "BINARY sections are part numbers only";
            return false;
        }

        FetchPartial? partial = null;
        var rest = atom[(close + 1)..];
        if (!rest.IsEmpty)
        {
            if (kind == FetchBodyItemKind.BinarySize)
            {
                error = "BINARY.SIZE takes no partial range";
                return false;
            }

            if (!FetchPartial.TryParse(rest, out var range, out error))
            {
                return false;
            }

            partial = range;
        }

        item = new FetchBodyItem(kind, section, partial);
        error = null;
        return true;
    }

    private static bool TryKind(ReadOnlySpan<byte> name, out FetchBodyItemKind kind)
    {
        (var known, kind) = name switch
        {
            _ when System.Text.Ascii.EqualsIgnoreCase(name, "BODY"u8) => (true, FetchBodyItemKind.Body),
            _ when System.Text.Ascii.EqualsIgnoreCase(name, "BODY.PEEK"u8) => (true, FetchBodyItemKind.BodyPeek),
            _ when System.Text.Ascii.EqualsIgnoreCase(name, "BINARY"u8) => (true, FetchBodyItemKind.Binary),
            _ when System.Text.Ascii.EqualsIgnoreCase(name, "BINARY.PEEK"u8) => (true, FetchBodyItemKind.BinaryPeek),
            _ when System.Text.Ascii.EqualsIgnoreCase(name, "BINARY.SIZE"u8) => (true, FetchBodyItemKind.BinarySize),
            _ => (false, default(FetchBodyItemKind)),
        };
        return known;
    }
}
