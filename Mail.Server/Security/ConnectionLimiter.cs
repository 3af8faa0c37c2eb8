using System.Net;
using Mail.Directory.Addressing;

namespace Mail.Server.Security;

/// <summary>Counts open connections per client (see <see cref="ClientAddressKey"/>) and in total, and refuses
/// one more beyond either limit, so one client or a flood cannot take every session slot.</summary>
public sealed class ConnectionLimiter(int perClient, int total)
{
    private readonly Dictionary<IPAddress, int> _perClient = [];
    private readonly Lock _gate = new();
    private int _total;

    /// <summary>Connections open now.</summary>
    public int Open
    {
        get
        {
            lock (_gate)
            {
                return _total;
            }
        }
    }

    /// <summary>Admits a connection from <paramref name="client"/>: a lease to dispose when it closes, or null
    /// when a limit is reached.</summary>
    public IDisposable? TryAcquire(IPAddress client)
    {
        var key = ClientAddressKey.Of(client);
        lock (_gate)
        {
            _perClient.TryGetValue(key, out var count);
            if (count >= perClient || _total >= total)
            {
                return null;
            }

            _perClient[key] = count + 1;
            _total++;
        }

        return new Lease(this, key);
    }

    private void Release(IPAddress key)
    {
        lock (_gate)
        {
            _total--;
            var count = _perClient[key] - 1;
            if (count == 0)
            {
                _perClient.Remove(key);
            }
            else
            {
                _perClient[key] = count;
            }
        }
    }

    private sealed class Lease(ConnectionLimiter owner, IPAddress key) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                owner.Release(key);
            }
        }
    }
}
