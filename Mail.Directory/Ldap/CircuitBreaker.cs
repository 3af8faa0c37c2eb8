namespace Mail.Directory.Ldap;

/// <summary>Fails calls fast for a short while after the directory timed out or went away, so a frozen
/// slapd costs one deadline, not one per SMTP transaction; the first call after the pause probes again.</summary>
internal sealed class CircuitBreaker(TimeSpan openFor, TimeProvider time)
{
    private long _openUntilTicks;

    /// <summary>True while calls should fail without trying.</summary>
    public bool IsOpen => time.GetUtcNow().UtcTicks < Interlocked.Read(ref _openUntilTicks);

    /// <summary>Records a transport failure and opens the breaker.</summary>
    public void Trip() => Interlocked.Exchange(ref _openUntilTicks, time.GetUtcNow().UtcTicks + openFor.Ticks);

    /// <summary>Records a success and closes the breaker.</summary>
    public void Reset() => Interlocked.Exchange(ref _openUntilTicks, 0);
}
