using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Mail.Server.Imap.Fetch;

/// <summary>A parsed FETCH section spec (the text inside "[...]"): the part numbers, what of the part, and the header
/// field names of HEADER.FIELDS[.NOT].</summary>
internal sealed class FetchSection
{
    private static readonly System.Buffers.SearchValues<char> AtomSpecials = System.Buffers.SearchValues.Create("(){%*\"\\]");

    /// <summary>Creates a section; <paramref name="fields"/> are matched ignoring ASCII case.</summary>
    public FetchSection(IReadOnlyList<int> part, FetchSectionText text, IReadOnlyList<string> fields)
    {
        Part = part;
        Text = text;
        Fields = fields;
        Spec = Format(part, text, fields);
    }

    /// <summary>BODY[]: the whole message.</summary>
    public static FetchSection Whole { get; } = new([], FetchSectionText.None, []);

    /// <summary>BODY[HEADER] (also RFC822.HEADER).</summary>
    public static FetchSection MessageHeader { get; } = new([], FetchSectionText.Header, []);

    /// <summary>BODY[TEXT] (also RFC822.TEXT).</summary>
    public static FetchSection MessageText { get; } = new([], FetchSectionText.Text, []);

    /// <summary>The part numbers, outermost first; empty for the message itself.</summary>
    public IReadOnlyList<int> Part { get; }

    /// <summary>What of the part.</summary>
    public FetchSectionText Text { get; }

    /// <summary>The header field names of HEADER.FIELDS[.NOT], in upper case; empty otherwise.</summary>
    public IReadOnlyList<string> Fields { get; }

    /// <summary>The spec in canonical form for the response ("1.2.HEADER.FIELDS (FROM TO)"): upper-case keywords and
    /// field names, as Dovecot echoes them.</summary>
    public string Spec { get; }

    /// <summary>Parses the octets between "[" and "]"; false with a message for the client (a BAD) when they are no
    /// valid section or exceed <paramref name="limits"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, FetchSectionLimits limits, [NotNullWhen(true)] out FetchSection? section, [NotNullWhen(false)] out string? error) =>
        FetchSectionParser.TryParse(text, limits, out section, out error);

    /// <inheritdoc/>
    public override string ToString() => Spec;

    private static string Format(IReadOnlyList<int> part, FetchSectionText text, IReadOnlyList<string> fields)
    {
        var spec = new StringBuilder();
        foreach (var number in part)
        {
            spec.Append(spec.Length > 0 ? "." : string.Empty).Append(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var keyword = text switch
        {
            FetchSectionText.Header => "HEADER",
            FetchSectionText.HeaderFields => "HEADER.FIELDS",
            FetchSectionText.HeaderFieldsNot => "HEADER.FIELDS.NOT",
            FetchSectionText.Text => "TEXT",
            FetchSectionText.Mime => "MIME",
            _ => null,
        };
        if (keyword is null)
        {
            return spec.ToString();
        }

        spec.Append(spec.Length > 0 ? "." : string.Empty).Append(keyword);
        if (text is FetchSectionText.HeaderFields or FetchSectionText.HeaderFieldsNot)
        {
            spec.Append(" (");
            for (var i = 0; i < fields.Count; i++)
            {
                spec.Append(i > 0 ? " " : string.Empty);
                AppendName(spec, fields[i]);
            }

            spec.Append(')');
        }

        return spec.ToString();
    }

    // Field names are printable ASCII (the parser made sure); those with atom-specials go out quoted.
    private static void AppendName(StringBuilder spec, string name)
    {
        if (!name.AsSpan().ContainsAny(AtomSpecials))
        {
            spec.Append(name);
            return;
        }

        spec.Append('"');
        foreach (var c in name)
        {
            spec.Append(c is '"' or '\\' ? "\\" : string.Empty).Append(c);
        }

        spec.Append('"');
    }
}
