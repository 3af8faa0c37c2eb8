using System.Text;

namespace Mail.Server.Imap.Protocol;

/// <summary>IMAP's modified UTF-7 for mailbox names (RFC 3501 5.1.3): printable ASCII as itself ("&amp;" as "&amp;-"),
/// everything else as "&amp;" + modified base64 of UTF-16 + "-". Used unless the client enabled UTF8=ACCEPT.</summary>
public static class ModifiedUtf7
{
    /// <summary>Encodes a mailbox name.</summary>
    public static string Encode(string name)
    {
        var result = new StringBuilder(name.Length);
        var pending = new StringBuilder();
        foreach (var c in name)
        {
            if (c is >= ' ' and <= '~')
            {
                Flush(result, pending);
                result.Append(c == '&' ? "&-" : c.ToString());
            }
            else
            {
                pending.Append(c);
            }
        }

        Flush(result, pending);
        return result.ToString();
    }

    /// <summary>Decodes a mailbox name; throws <see cref="ImapSyntaxException"/> for malformed input.</summary>
    public static string Decode(string encoded)
    {
        var result = new StringBuilder(encoded.Length);
        for (var i = 0; i < encoded.Length; i++)
        {
            var c = encoded[i];
            if (c != '&')
            {
                if (c is < ' ' or > '~')
                {
                    throw new ImapSyntaxException("mailbox name is not modified UTF-7");
                }

                result.Append(c);
                continue;
            }

            var end = encoded.IndexOf('-', i + 1);
            if (end < 0)
            {
                throw new ImapSyntaxException("mailbox name is not modified UTF-7");
            }

            if (end == i + 1)
            {
                result.Append('&');
            }
            else
            {
                var base64 = encoded[(i + 1)..end].Replace(',', '/');
                base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
                try
                {
                    var bytes = Convert.FromBase64String(base64);
                    if (bytes.Length % 2 != 0)
                    {
                        throw new ImapSyntaxException("mailbox name is not modified UTF-7");
                    }

                    result.Append(Encoding.BigEndianUnicode.GetString(bytes));
                }
                catch (FormatException ex)
                {
                    throw new ImapSyntaxException("mailbox name is not modified UTF-7", ex);
                }
            }

            i = end;
        }

        return result.ToString();
    }

    private static void Flush(StringBuilder result, StringBuilder pending)
    {
        if (pending.Length == 0)
        {
            return;
        }

        var base64 = Convert.ToBase64String(Encoding.BigEndianUnicode.GetBytes(pending.ToString())).TrimEnd('=').Replace('/', ',');
        result.Append('&').Append(base64).Append('-');
        pending.Clear();
    }
}
