using System.Text;

namespace Mail.Server.Pop3.Protocol;

/// <summary>The SASL PLAIN message (RFC 4616): <c>[authzid] NUL authcid NUL passwd</c>. An authorization identity
/// other than the login itself is refused: nobody may act as someone else here. A class, not a record, so the
/// password never shows up in a ToString.</summary>
internal sealed class PlainCredentials(string user, string password)
{
    /// <summary>The longest base64 response accepted (RFC 4616 allows 255 octets per field).</summary>
    public const int MaxBase64Length = 1024;

    /// <summary>The login (address or alias).</summary>
    public string User { get; } = user;

    /// <summary>The password.</summary>
    public string Password { get; } = password;

    /// <summary>Decodes a base64 PLAIN response; null when it is not valid base64 or not a PLAIN message.</summary>
    public static PlainCredentials? TryDecode(string base64)
    {
        if (base64.Length > MaxBase64Length)
        {
            return null;
        }

        var bytes = new byte[base64.Length * 3 / 4];
        if (!Convert.TryFromBase64String(base64, bytes, out var written))
        {
            return null;
        }

        ReadOnlySpan<byte> message = bytes.AsSpan(0, written);
        var first = message.IndexOf((byte)0);
        if (first < 0)
        {
            return null;
        }

        var rest = message[(first + 1)..];
        var second = rest.IndexOf((byte)0);
        if (second < 0 || rest[(second + 1)..].Contains((byte)0))
        {
            return null;
        }

        var authorization = Encoding.UTF8.GetString(message[..first]);
        var user = Encoding.UTF8.GetString(rest[..second]);
        var password = Encoding.UTF8.GetString(rest[(second + 1)..]);
        if (authorization.Length > 0 && !string.Equals(authorization, user, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return new PlainCredentials(user, password);
    }
}
