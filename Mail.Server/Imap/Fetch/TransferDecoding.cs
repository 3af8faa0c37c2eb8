using MimeKit.Encodings;

namespace Mail.Server.Imap.Fetch;

/// <summary>Which Content-Transfer-Encodings BINARY undoes (RFC 3516 4.2): the identity ones pass through, base64 and
/// quoted-printable are decoded, anything else (x-uuencode, x-token, typos) is the client's UNKNOWN-CTE, as in
/// Dovecot.</summary>
internal static class TransferDecoding
{
    /// <summary>True when BINARY can serve a part with this encoding (null: none given, 7bit).</summary>
    public static bool IsKnown(string? encoding) => IsIdentity(encoding) || CreateDecoder(encoding) is not null;

    /// <summary>True for the encodings whose octets are the content itself: none, 7bit, 8bit, binary.</summary>
    public static bool IsIdentity(string? encoding)
    {
        var name = encoding.AsSpan().Trim();
        return name.IsEmpty
            || name.Equals("7bit", StringComparison.OrdinalIgnoreCase)
            || name.Equals("8bit", StringComparison.OrdinalIgnoreCase)
            || name.Equals("binary", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A fresh decoder for base64 or quoted-printable; null for any other encoding.</summary>
    public static IMimeDecoder? CreateDecoder(string? encoding)
    {
        var name = encoding.AsSpan().Trim();
        return name.Equals("base64", StringComparison.OrdinalIgnoreCase) ? new Base64Decoder()
            : name.Equals("quoted-printable", StringComparison.OrdinalIgnoreCase) ? new QuotedPrintableDecoder()
            : null;
    }
}
