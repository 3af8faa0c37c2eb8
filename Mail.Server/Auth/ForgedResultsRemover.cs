using System.Buffers;
using System.Text;

namespace Mail.Server.Auth;

/// <summary>Removes Authentication-Results fields that claim our authserv-id from a received message's header
/// (RFC 8601 5: only we may speak for our name; a sender could otherwise forge "dkim=pass" from us). Fields of
/// other authserv-ids stay, and every other byte of the message is kept.</summary>
public static class ForgedResultsRemover
{
    /// <summary>The message without forged fields; the same sequence, uncopied, when there are none.</summary>
    public static ReadOnlySequence<byte> Remove(ReadOnlySequence<byte> message, string hostname)
    {
        var headerLength = HeaderLength(message);

        // Latin-1 maps byte to char one to one, so offsets in the text are offsets in the message.
        var header = Encoding.Latin1.GetString(message.Slice(0, headerLength));
        var forged = ForgedFields(header, hostname);
        if (forged.Count == 0)
        {
            return message;
        }

        var kept = new byte[message.Length - forged.Sum(f => f.Length)];
        var written = 0;
        var start = 0;
        foreach (var (offset, length) in forged)
        {
            message.Slice(start, offset - start).CopyTo(kept.AsSpan(written));
            written += offset - start;
            start = offset + length;
        }

        message.Slice(start).CopyTo(kept.AsSpan(written));
        return new ReadOnlySequence<byte>(kept);
    }

    // The header section with the CRLF of its last field, or the whole message when it has no body.
    private static int HeaderLength(ReadOnlySequence<byte> message)
    {
        var reader = new SequenceReader<byte>(message);
        return reader.TryReadTo(out ReadOnlySequence<byte> header, "\r\n\r\n"u8, advancePastDelimiter: false)
            ? (int)header.Length + 2
            : (int)message.Length;
    }

    private static List<(int Offset, int Length)> ForgedFields(string header, string hostname)
    {
        var forged = new List<(int, int)>();
        var start = 0;
        while (start < header.Length)
        {
            // A field runs to the CRLF that is not followed by whitespace (a folded continuation).
            var end = start;
            do
            {
                var crlf = header.IndexOf("\r\n", end, StringComparison.Ordinal);
                end = crlf < 0 ? header.Length : crlf + 2;
            }
            while (end < header.Length && header[end] is ' ' or '\t');

            var colon = header.IndexOf(':', start, end - start);
            if (colon > 0 && header.AsSpan(start, colon - start).Trim().Equals(AuthenticationResultsHeader.Name, StringComparison.OrdinalIgnoreCase)
                && string.Equals(AuthservId(header[(colon + 1)..end]), hostname, StringComparison.OrdinalIgnoreCase))
            {
                forged.Add((start, end - start));
            }

            start = end;
        }

        return forged;
    }

    // The first value of the field after comments and folding: a token, or a quoted string (RFC 8601 2.2).
    private static string AuthservId(string value)
    {
        var i = 0;
        var depth = 0;
        while (i < value.Length && (depth > 0 || char.IsWhiteSpace(value[i]) || value[i] == '('))
        {
            depth += value[i] == '(' ? 1 : value[i] == ')' ? -1 : 0;
            i++;
        }

        if (i < value.Length && value[i] == '"')
        {
            var close = value.IndexOf('"', i + 1);
            return close < 0 ? value[(i + 1)..] : value[(i + 1)..close];
        }

        var end = i;
        while (end < value.Length && !char.IsWhiteSpace(value[end]) && value[end] is not ';' and not '(')
        {
            end++;
        }

        return value[i..end];
    }
}
