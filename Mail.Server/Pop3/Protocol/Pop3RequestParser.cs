using System.Text;

namespace Mail.Server.Pop3.Protocol;

/// <summary>Turns a command line into a <see cref="Pop3Request"/>; keywords are case-insensitive (RFC 1939 section 3).
/// Never fails: what it does not know is <see cref="Pop3Verb.Unknown"/>.</summary>
internal static class Pop3RequestParser
{
    private static readonly (byte[] Keyword, Pop3Verb Verb)[] Verbs =
    [
        ("RETR"u8.ToArray(), Pop3Verb.Retr), ("LIST"u8.ToArray(), Pop3Verb.List), ("UIDL"u8.ToArray(), Pop3Verb.Uidl),
        ("STAT"u8.ToArray(), Pop3Verb.Stat), ("DELE"u8.ToArray(), Pop3Verb.Dele), ("TOP"u8.ToArray(), Pop3Verb.Top),
        ("NOOP"u8.ToArray(), Pop3Verb.Noop), ("RSET"u8.ToArray(), Pop3Verb.Rset), ("QUIT"u8.ToArray(), Pop3Verb.Quit),
        ("CAPA"u8.ToArray(), Pop3Verb.Capa), ("USER"u8.ToArray(), Pop3Verb.User), ("PASS"u8.ToArray(), Pop3Verb.Pass),
        ("AUTH"u8.ToArray(), Pop3Verb.Auth), ("STLS"u8.ToArray(), Pop3Verb.Stls),
    ];

    /// <summary>Parses one line (without its line ending).</summary>
    public static Pop3Request Parse(ReadOnlySpan<byte> line)
    {
        var space = line.IndexOf((byte)' ');
        var keyword = space < 0 ? line : line[..space];
        var tail = space < 0 ? string.Empty : Encoding.UTF8.GetString(line[(space + 1)..]);
        return new Pop3Request(VerbOf(keyword), tail);
    }

    private static Pop3Verb VerbOf(ReadOnlySpan<byte> keyword)
    {
        foreach (var (name, verb) in Verbs)
        {
            if (Ascii.EqualsIgnoreCase(keyword, name))
            {
                return verb;
            }
        }

        return Pop3Verb.Unknown;
    }
}
