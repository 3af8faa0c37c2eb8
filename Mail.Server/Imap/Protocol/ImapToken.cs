using System.Text;

namespace Mail.Server.Imap.Protocol;

/// <summary>One argument of an IMAP command: its kind, its octets (strings already unquoted) and, for a list, its
/// elements.</summary>
public sealed class ImapToken
{
    private ImapToken(ImapTokenKind kind, ReadOnlyMemory<byte> value, IReadOnlyList<ImapToken> children, bool isBinary)
    {
        Kind = kind;
        Value = value;
        Children = children;
        IsBinary = isBinary;
    }

    /// <summary>The kind.</summary>
    public ImapTokenKind Kind { get; }

    /// <summary>The octets of an atom or string.</summary>
    public ReadOnlyMemory<byte> Value { get; }

    /// <summary>The elements of a list.</summary>
    public IReadOnlyList<ImapToken> Children { get; }

    /// <summary>True for a literal8 (RFC 3516), which may hold NUL octets.</summary>
    public bool IsBinary { get; }

    /// <summary>True for a quoted string or literal.</summary>
    public bool IsString => Kind is ImapTokenKind.Quoted or ImapTokenKind.Literal;

    /// <summary>True for the atom NIL.</summary>
    public bool IsNil => Kind == ImapTokenKind.Atom && Ascii.EqualsIgnoreCase(Value.Span, "NIL"u8);

    /// <summary>The value as text (UTF-8).</summary>
    public string Text => Encoding.UTF8.GetString(Value.Span);

    /// <summary>An atom's text in upper case, for keywords.</summary>
    public string Keyword => Kind == ImapTokenKind.Atom ? Encoding.ASCII.GetString(Value.Span).ToUpperInvariant() : string.Empty;

    internal static ImapToken Atom(ReadOnlyMemory<byte> value) => new(ImapTokenKind.Atom, value, [], false);

    internal static ImapToken Quoted(ReadOnlyMemory<byte> value) => new(ImapTokenKind.Quoted, value, [], false);

    internal static ImapToken Literal(ReadOnlyMemory<byte> value, bool isBinary) => new(ImapTokenKind.Literal, value, [], isBinary);

    internal static ImapToken List(IReadOnlyList<ImapToken> children) => new(ImapTokenKind.List, ReadOnlyMemory<byte>.Empty, children, false);

    /// <inheritdoc/>
    public override string ToString() => Kind == ImapTokenKind.List ? "(" + string.Join(' ', Children) + ")" : Text;
}
