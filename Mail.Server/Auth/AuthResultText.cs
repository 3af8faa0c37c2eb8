namespace Mail.Server.Auth;

/// <summary>How results and property values are written in an Authentication-Results header (RFC 8601).</summary>
internal static class AuthResultText
{
    /// <summary>The result keyword, lower case as RFC 8601 writes it.</summary>
    public static string Keyword(AuthResult result) => result switch
    {
        AuthResult.None => "none",
        AuthResult.Pass => "pass",
        AuthResult.Fail => "fail",
        AuthResult.SoftFail => "softfail",
        AuthResult.Neutral => "neutral",
        AuthResult.TempError => "temperror",
        _ => "permerror",
    };

    /// <summary>A property value taken from the message or the session (a domain, a selector): anything that is not
    /// a plain domain character becomes '_', so a hostile value cannot break the header or forge another result.</summary>
    public static string Value(string value)
    {
        var length = Math.Min(value.Length, 255);
        return string.Create(length, value, static (span, source) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? char.ToLowerInvariant(c) : '_';
            }
        });
    }
}
