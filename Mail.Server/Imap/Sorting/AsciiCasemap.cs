using System.Text;

namespace Mail.Server.Imap.Sorting;

/// <summary>The i;ascii-casemap collation (RFC 4790 9.2), the default of RFC 5256: strings compare as their UTF-8
/// octets with a-z mapped to A-Z, so Vietnamese letters compare by code point and only ASCII letters fold.</summary>
internal static class AsciiCasemap
{
    /// <summary>The octets the collation compares.</summary>
    public static byte[] Key(string text)
    {
        var octets = Encoding.UTF8.GetBytes(text);
        for (var i = 0; i < octets.Length; i++)
        {
            if (octets[i] is >= (byte)'a' and <= (byte)'z')
            {
                octets[i] -= 'a' - 'A';
            }
        }

        return octets;
    }

    /// <summary>The text with a-z mapped to A-Z: two strings are equal under the collation when these are equal.</summary>
    public static string Fold(string text) => string.Create(text.Length, text, static (span, source) =>
    {
        for (var i = 0; i < source.Length; i++)
        {
            span[i] = source[i] is >= 'a' and <= 'z' ? (char)(source[i] - ('a' - 'A')) : source[i];
        }
    });

    /// <summary>Octet order of two keys from <see cref="Key"/>.</summary>
    public static int Compare(byte[] left, byte[] right) => left.AsSpan().SequenceCompareTo(right);
}
