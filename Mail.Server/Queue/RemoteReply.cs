using System.Text.RegularExpressions;
using Mail.Server.Smtp;

namespace Mail.Server.Queue;

/// <summary>Turns a receiving server's reply into an <see cref="SmtpReply"/> with an enhanced status code: the one the
/// server gave (RFC 3463), else the class's generic X.0.0.</summary>
public static partial class RemoteReply
{
    /// <summary>The reply for <paramref name="code"/> and the server's text (without the code).</summary>
    public static SmtpReply From(int code, string text)
    {
        var line = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var match = Enhanced().Match(line);
        var klass = code / 100;
        if (match.Success && match.Groups[1].Value[0] - '0' == klass)
        {
            return new SmtpReply(code, match.Groups[1].Value, line[match.Length..].TrimStart());
        }

        return new SmtpReply(code, klass is 2 or 4 or 5 ? $"{klass}.0.0" : "4.0.0", line);
    }

    /// <summary>True for a 5xx reply: give up; anything else is worth another try.</summary>
    public static bool IsPermanent(SmtpReply reply) => reply.Code is >= 500 and < 600;

    [GeneratedRegex(@"^([245]\.\d{1,3}\.\d{1,3})\b")]
    private static partial Regex Enhanced();
}
