namespace Mail.Server.Security;

/// <summary>A token bucket for one session's commands: a client may send a burst, then a steady rate; a client over
/// the rate is made to wait for its next command, never refused.</summary>
/// <remarks>Sized so that no real client meets it (mbsync pipelines thousands of commands in a burst; a busy client
/// sends a few hundred a second at most) while a looping or hostile one cannot keep a core to itself.</remarks>
public sealed class CommandRateLimiter
{
    private readonly int _burst;
    private readonly int _perSecond;
    private readonly TimeProvider _time;
    private double _tokens;
    private long _last;

    public CommandRateLimiter(int burst, int perSecond, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(burst, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(perSecond, 1);
        (_burst, _perSecond, _time) = (burst, perSecond, time);
        _tokens = burst;
        _last = time.GetTimestamp();
    }

    /// <summary>Counts one command; returns how long the session waits before running it (zero within the rate).</summary>
    public TimeSpan Take()
    {
        var now = _time.GetTimestamp();
        _tokens = Math.Min(_burst, _tokens + (_time.GetElapsedTime(_last, now).TotalSeconds * _perSecond));
        _last = now;
        _tokens -= 1;
        return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _perSecond);
    }
}
