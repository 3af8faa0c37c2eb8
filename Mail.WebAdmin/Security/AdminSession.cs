namespace Mail.WebAdmin.Security;

/// <summary>How long a sign-in lasts.</summary>
internal static class AdminSession
{
    /// <summary>Idle time after which the cookie expires (each request within it renews it).</summary>
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(30);

    /// <summary>However active, a sign-in ends this long after the password was given (a stolen cookie does not
    /// live forever).</summary>
    public static readonly TimeSpan AbsoluteLimit = TimeSpan.FromHours(8);

    /// <summary>The sign-in cookie; the __Host- prefix makes browsers insist on Secure, Path=/ and no Domain.</summary>
    public const string CookieName = "__Host-mailadmin";

    /// <summary>The antiforgery cookie.</summary>
    public const string AntiforgeryCookieName = "__Host-mailadmin-csrf";
}
