namespace Mail.Server.Security;

/// <summary>What <see cref="AuthThrottle"/> says about the next authentication attempt.</summary>
public enum AuthThrottleVerdict
{
    /// <summary>Check the password normally.</summary>
    Allow,

    /// <summary>Check it, but answer only after a delay.</summary>
    Slow,

    /// <summary>Do not check it; refuse with a temporary error.</summary>
    Refuse,
}
