using System.Text;

namespace Mail.Server.Imap.Sorting;

/// <summary>The msg-ids of a Message-ID, In-Reply-To or References value in the normalised form REFERENCES threading
/// compares (RFC 5256 section 3): angle brackets, quoting, comments and white space removed, so
/// &lt;"a.b"@host&gt; and &lt;a.b@host&gt; are one id. An id without a non-empty left and right side of "@" is not
/// valid and is skipped.</summary>
internal static class MessageIdList
{
    // A References header of a long thread lists every ancestor; beyond this the header is abuse, not a thread.
    private const int MaxIds = 10_000;

    /// <summary>The valid ids in the order they appear.</summary>
    public static IReadOnlyList<string> Parse(string? value)
    {
        var ids = new List<string>();
        if (string.IsNullOrEmpty(value))
        {
            return ids;
        }

        var position = 0;
        var id = new StringBuilder();
        while (position < value.Length && ids.Count < MaxIds)
        {
            var c = value[position];
            if (c == '(')
            {
                position = AfterComment(value, position);
            }
            else if (c == '<')
            {
                position = ReadId(value, position + 1, id);
                if (IsValid(id))
                {
                    ids.Add(id.ToString());
                }
            }
            else
            {
                position++;
            }
        }

        return ids;
    }

    /// <summary>The first valid id, or null.</summary>
    public static string? First(string? value)
    {
        var ids = Parse(value);
        return ids.Count > 0 ? ids[0] : null;
    }

    // Reads up to the closing '>' (or a new '<', which starts the next id); the id's text lands in id.
    private static int ReadId(string value, int position, StringBuilder id)
    {
        id.Clear();
        while (position < value.Length)
        {
            var c = value[position];
            switch (c)
            {
                case '>':
                    return position + 1;
                case '<':
                    id.Clear();
                    return position;
                case '(':
                    position = AfterComment(value, position);
                    continue;
                case '"':
                    position++;
                    while (position < value.Length && value[position] != '"')
                    {
                        if (value[position] == '\\' && position + 1 < value.Length)
                        {
                            position++;
                        }

                        id.Append(value[position++]);
                    }

                    position++;
                    continue;
                case ' ' or '\t' or '\r' or '\n':
                    position++;
                    continue;
                default:
                    id.Append(c);
                    position++;
                    continue;
            }
        }

        // Unterminated: not an id.
        id.Clear();
        return position;
    }

    private static int AfterComment(string value, int position)
    {
        var depth = 0;
        for (; position < value.Length; position++)
        {
            switch (value[position])
            {
                case '\\':
                    position++;
                    break;
                case '(':
                    depth++;
                    break;
                case ')' when --depth == 0:
                    return position + 1;
            }
        }

        return position;
    }

    private static bool IsValid(StringBuilder id)
    {
        for (var i = 1; i < id.Length - 1; i++)
        {
            if (id[i] == '@')
            {
                return true;
            }
        }

        return false;
    }
}
