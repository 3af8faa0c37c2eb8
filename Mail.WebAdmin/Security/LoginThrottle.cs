using System.Collections.Concurrent;
using System.Net;
using Mail.Directory.Addressing;

namespace Mail.WebAdmin.Security;

/// <summary>Refuses sign-in attempts from a client address after too many failures in a row, for a while. Keyed by
/// address (an IPv6 /64 as one), never by account, so a stranger guessing passwords cannot lock the real admin out
/// (the mail protocols' throttle in Mail.Server follows the same rule).</summary>
internal sealed class LoginThrottle(TimeProvider time)
{
    /// <summary>Failures within <see cref="Window"/> after which the address is refused.</summary>
    public const int MaxFailures = 5;

    /// <summary>The window failures are counted in; also how long a refused address waits.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);

    private const int MaxTrackedClients = 100_000;
    private readonly ConcurrentDictionary<IPAddress, Counter> _counters = new();

    /// <summary>True when <paramref name="client"/> may try a password now.</summary>
    public bool Allows(IPAddress? client) =>
        !_counters.TryGetValue(Key(client), out var counter) || counter.Failures(time.GetUtcNow()) < MaxFailures;

    /// <summary>Counts a failed attempt.</summary>
    public void Failed(IPAddress? client)
    {
        var now = time.GetUtcNow();
        if (_counters.Count >= MaxTrackedClients)
        {
            foreach (var (key, old) in _counters)
            {
                if (old.Failures(now) == 0)
                {
                    _counters.TryRemove(key, out _);
                }
            }
        }

        _counters.GetOrAdd(Key(client), _ => new Counter()).Add(now);
    }

    /// <summary>A success forgives the address's failures.</summary>
    public void Succeeded(IPAddress? client) => _counters.TryRemove(Key(client), out _);

    private static IPAddress Key(IPAddress? address) => address is null ? IPAddress.None : ClientAddressKey.Of(address);

    /// <summary>Failures since the window opened; the window opens at the first failure after a quiet one.</summary>
    private sealed class Counter
    {
        private DateTimeOffset _opened;
        private int _count;

        public int Failures(DateTimeOffset now)
        {
            lock (this)
            {
                return now - _opened > Window ? 0 : _count;
            }
        }

        public void Add(DateTimeOffset now)
        {
            lock (this)
            {
                if (now - _opened > Window)
                {
                    _opened = now;
                    _count = 0;
                }

                _count++;
            }
        }
    }
}
