namespace Mail.Server.Imap.Protocol;

/// <summary>What a parsed IMAP argument is.</summary>
public enum ImapTokenKind
{
    /// <summary>An atom (also NIL, numbers, flags, sequence sets, FETCH items with their [section]&lt;partial&gt;).</summary>
    Atom,

    /// <summary>A quoted string.</summary>
    Quoted,

    /// <summary>A literal ({n}, {n+}); <see cref="ImapToken.IsBinary"/> for literal8 (~{n}).</summary>
    Literal,

    /// <summary>A parenthesised list.</summary>
    List,
}
