using System.Text;

namespace Mail.Server.Imap.Protocol;

/// <summary>Turns the octets of one command (as <see cref="ImapCommandReader"/> read them, literals inline) into
/// tag, name and argument tokens, within the nesting and count bounds of <see cref="ImapLimits"/>.</summary>
public sealed class ImapParser(ImapLimits limits)
{
    /// <summary>Parses a command; throws <see cref="ImapSyntaxException"/> (with the tag in <paramref name="tag"/>
    /// when it could be read) for anything malformed.</summary>
    public ImapCommandLine Parse(ReadOnlyMemory<byte> command, out string? tag)
    {
        tag = null;
        var span = command.Span;
        var space = span.IndexOf((byte)' ');
        var end = span.IndexOfAny((byte)'\r', (byte)'\n');
        if (space <= 0 || (end >= 0 && end < space))
        {
            throw new ImapSyntaxException("expected a tag and a command");
        }

        foreach (var b in span[..space])
        {
            if (!IsAtomChar(b) || b == (byte)'+')
            {
                throw new ImapSyntaxException("invalid tag");
            }
        }

        tag = Encoding.ASCII.GetString(span[..space]);
        var position = space + 1;
        var count = 0;
        var tokens = ParseSequence(command, ref position, 0, ref count);
        if (tokens.Count == 0 || tokens[0].Kind != ImapTokenKind.Atom)
        {
            throw new ImapSyntaxException("expected a command name");
        }

        var name = tokens[0].Keyword;
        var isUid = name == "UID";
        if (isUid)
        {
            if (tokens.Count < 2 || tokens[1].Kind != ImapTokenKind.Atom)
            {
                throw new ImapSyntaxException("UID needs a command");
            }

            return new ImapCommandLine(tag, tokens[1].Keyword, true, tokens.Skip(2).ToArray());
        }

        return new ImapCommandLine(tag, name, false, tokens.Skip(1).ToArray());
    }

    private List<ImapToken> ParseSequence(ReadOnlyMemory<byte> command, ref int position, int depth, ref int count)
    {
        var span = command.Span;
        var tokens = new List<ImapToken>();
        while (position < span.Length)
        {
            var b = span[position];
            if (b == (byte)' ')
            {
                position++;
                continue;
            }

            if (b is (byte)'\r' or (byte)'\n')
            {
                if (depth > 0)
                {
                    throw new ImapSyntaxException("unbalanced parenthesis");
                }

                position = span.Length;
                break;
            }

            if (b == (byte)')')
            {
                if (depth == 0)
                {
                    throw new ImapSyntaxException("unexpected ')'");
                }

                position++;
                return tokens;
            }

            if (++count > limits.MaxTokens)
            {
                throw new ImapSyntaxException("too many arguments");
            }

            if (b == (byte)'(')
            {
                if (depth + 1 > limits.MaxDepth)
                {
                    throw new ImapSyntaxException("lists nested too deeply");
                }

                position++;
                tokens.Add(ImapToken.List(ParseSequence(command, ref position, depth + 1, ref count)));
            }
            else if (b == (byte)'"')
            {
                tokens.Add(ParseQuoted(command, ref position));
            }
            else if (b == (byte)'{' || (b == (byte)'~' && position + 1 < span.Length && span[position + 1] == (byte)'{'))
            {
                tokens.Add(ParseLiteral(command, ref position));
            }
            else
            {
                tokens.Add(ParseAtom(command, ref position));
            }
        }

        if (depth > 0)
        {
            throw new ImapSyntaxException("unbalanced parenthesis");
        }

        return tokens;
    }

    private static ImapToken ParseQuoted(ReadOnlyMemory<byte> command, ref int position)
    {
        var span = command.Span;
        position++;
        var start = position;
        var escaped = false;
        while (position < span.Length)
        {
            var b = span[position];
            if (b is (byte)'\r' or (byte)'\n' or 0)
            {
                break;
            }

            if (b == (byte)'\\')
            {
                escaped = true;
                position += 2;
                continue;
            }

            if (b == (byte)'"')
            {
                var raw = command[start..position];
                position++;
                return ImapToken.Quoted(escaped ? Unescape(raw.Span) : raw);
            }

            position++;
        }

        throw new ImapSyntaxException("unterminated quoted string");
    }

    private static byte[] Unescape(ReadOnlySpan<byte> raw)
    {
        var result = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            if (raw[i] == (byte)'\\')
            {
                i++;
                if (i >= raw.Length || raw[i] is not ((byte)'\\' or (byte)'"'))
                {
                    throw new ImapSyntaxException("invalid escape in quoted string");
                }
            }

            result.Add(raw[i]);
        }

        return [.. result];
    }

    private static ImapToken ParseLiteral(ReadOnlyMemory<byte> command, ref int position)
    {
        var span = command.Span;
        var binary = span[position] == (byte)'~';
        position += binary ? 2 : 1;
        var close = span[position..].IndexOf((byte)'}');
        if (close < 0)
        {
            throw new ImapSyntaxException("malformed literal");
        }

        var digits = span.Slice(position, close);
        if (digits.EndsWith("+"u8))
        {
            digits = digits[..^1];
        }

        if (digits.IsEmpty || !int.TryParse(digits, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size))
        {
            throw new ImapSyntaxException("malformed literal");
        }

        position += close + 1;
        if (position < span.Length && span[position] == (byte)'\r')
        {
            position++;
        }

        if (position >= span.Length || span[position] != (byte)'\n' || position + 1 + size > span.Length)
        {
            throw new ImapSyntaxException("malformed literal");
        }

        position++;
        var value = command.Slice(position, size);
        position += size;
        return ImapToken.Literal(value, binary);
    }

    // An atom; a "[" inside takes everything to its "]" (FETCH's BODY[HEADER.FIELDS (A B)]<0.10>).
    private static ImapToken ParseAtom(ReadOnlyMemory<byte> command, ref int position)
    {
        var span = command.Span;
        var start = position;
        while (position < span.Length)
        {
            var b = span[position];
            if (b == (byte)'[')
            {
                position = SectionEnd(span, position);
                continue;
            }

            if (!IsAtomChar(b) && b != (byte)']')
            {
                break;
            }

            position++;
        }

        if (position == start)
        {
            throw new ImapSyntaxException($"unexpected character '{(char)span[position]}'");
        }

        return ImapToken.Atom(command[start..position]);
    }

    // The position after the "]" that closes the "[" at <paramref name="open"/>; quoted strings inside (a field name
    // "X]Y") are skipped whole.
    private static int SectionEnd(ReadOnlySpan<byte> span, int open)
    {
        var quoted = false;
        for (var i = open + 1; i < span.Length; i++)
        {
            var b = span[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                break;
            }

            if (quoted && b == (byte)'\\')
            {
                i++;
            }
            else if (b == (byte)'"')
            {
                quoted = !quoted;
            }
            else if (!quoted && b == (byte)']')
            {
                return i + 1;
            }
        }

        throw new ImapSyntaxException("unbalanced '['");
    }

    // ATOM-CHAR plus the list wildcards and "\" of flags; never SP, CTL, parentheses, quotes or braces.
    private static bool IsAtomChar(byte b) =>
        b > 0x20 && b < 0x7f && b is not ((byte)'(' or (byte)')' or (byte)'{' or (byte)'"' or (byte)']') || b >= 0x80;
}
