using System.Collections.Concurrent;
using System.Net;
using Mail.Directory.Addressing;

namespace Mail.Server.Security;

/// <summary>Slows and then refuses authentication from a client address that keeps failing, shared by SMTP,
/// IMAP and POP3. Keyed by client address only, never by account: a stranger guessing passwords cannot
/// lock a teacher out of their own mailbox.</summary>
public sealed class AuthThrottle(AuthThrottleOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<IPAddress, Record> _records = new();

    /// <summary>What to do before checking a password from <paramref name="client"/>.</summary>
    public AuthThrottleVerdict Check(IPAddress client)
    {
        var now = time.GetUtcNow();
        if (!_records.TryGetValue(ClientAddressKey.Of(client), out var record))
        {
            return AuthThrottleVerdict.Allow;
        }

        lock (record)
        {
            if (record.BlockedUntil > now)
            {
                return AuthThrottleVerdict.Refuse;
            }

            record.Prune(now - options.Window);
            return record.Failures.Count >= options.SlowAfterFailures ? AuthThrottleVerdict.Slow : AuthThrottleVerdict.Allow;
        }
    }

    /// <summary>How long to wait before answering a throttled client.</summary>
    public TimeSpan SlowDelay => options.SlowDelay;

    /// <summary>Records a failed authentication; the limit within the window blocks the address for a while.</summary>
    public void Failed(IPAddress client)
    {
        var now = time.GetUtcNow();
        var record = _records.GetOrAdd(ClientAddressKey.Of(client), _ => new Record());
        lock (record)
        {
            record.Prune(now - options.Window);
            record.Failures.Enqueue(now);
            if (record.Failures.Count >= options.BlockAfterFailures)
            {
                record.BlockedUntil = now + options.BlockFor;
                record.Failures.Clear();
            }
        }

        if (_records.Count > options.MaxTrackedClients)
        {
            Sweep(now);
        }
    }

    /// <summary>Records a success: the address's earlier failures are forgiven.</summary>
    public void Succeeded(IPAddress client) => _records.TryRemove(ClientAddressKey.Of(client), out _);

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, record) in _records)
        {
            lock (record)
            {
                record.Prune(now - options.Window);
                if (record.Failures.Count == 0 && record.BlockedUntil <= now)
                {
                    _records.TryRemove(key, out _);
                }
            }
        }
    }

    private sealed class Record
    {
        public Queue<DateTimeOffset> Failures { get; } = new();

        public DateTimeOffset BlockedUntil { get; set; }

        public void Prune(DateTimeOffset oldest)
        {
            while (Failures.Count > 0 && Failures.Peek() < oldest)
            {
                Failures.Dequeue();
            }
        }
    }
}
