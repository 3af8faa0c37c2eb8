namespace Mail.Tests.Fixtures;

/// <summary>A clock that moves only when a test says so.</summary>
internal sealed class ManualTime : TimeProvider
{
    private DateTimeOffset _now = DateTimeOffset.UnixEpoch;

    public void Advance(TimeSpan by) => _now += by;

    public override DateTimeOffset GetUtcNow() => _now;

    // Monotonic readings (GetElapsedTime) follow the same manual clock.
    public override long GetTimestamp() => _now.UtcTicks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
}
