namespace Mail.Server.Security;

/// <summary>Limits of <see cref="AuthThrottle"/> (the <c>Mail:AuthThrottle</c> configuration section).</summary>
public sealed class AuthThrottleOptions
{
    /// <summary>The window failures are counted in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failures within the window after which answers are delayed.</summary>
    public int SlowAfterFailures { get; set; } = 3;

    /// <summary>The delay for a slowed client.</summary>
    public TimeSpan SlowDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Failures within the window after which the address is refused outright.</summary>
    public int BlockAfterFailures { get; set; } = 5;

    /// <summary>How long a blocked address is refused.</summary>
    public TimeSpan BlockFor { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Bound on the addresses tracked (memory under a distributed attack).</summary>
    public int MaxTrackedClients { get; set; } = 100_000;
}
