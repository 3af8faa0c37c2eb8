using System.Collections.Concurrent;

namespace Mail.Directory.Lookup;

/// <summary>A small time-to-live cache whose entries all go stale at once when the directory is changed
/// through this process (other processes' changes show after the TTL).</summary>
internal sealed class LookupCache<TValue>(TimeSpan ttl, TimeProvider time)
{
    private const int MaxEntries = 100_000;
    private readonly ConcurrentDictionary<string, Slot> _slots = new(StringComparer.Ordinal);
    private long _generation;

    public bool TryGet(string key, out TValue value)
    {
        if (_slots.TryGetValue(key, out var slot) && slot.Generation == Interlocked.Read(ref _generation)
            && slot.ExpiresTicks > time.GetUtcNow().UtcTicks)
        {
            value = slot.Value;
            return true;
        }

        value = default!;
        return false;
    }

    /// <summary>The current generation: read it before a directory read and pass it to <see cref="Set"/>.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Caches a value read while <paramref name="generation"/> was current; a value read before an
    /// invalidation that happened meanwhile is dropped instead of outliving the change.</summary>
    public void Set(string key, TValue value, long generation)
    {
        if (ttl <= TimeSpan.Zero || generation != Interlocked.Read(ref _generation))
        {
            return;
        }

        if (_slots.Count >= MaxEntries)
        {
            _slots.Clear();
        }

        _slots[key] = new Slot(value, time.GetUtcNow().UtcTicks + ttl.Ticks, generation);
    }

    public void Invalidate()
    {
        Interlocked.Increment(ref _generation);
        _slots.Clear();
    }

    private sealed record Slot(TValue Value, long ExpiresTicks, long Generation);
}
