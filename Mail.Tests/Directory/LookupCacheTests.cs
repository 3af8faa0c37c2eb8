using Mail.Tests.Fixtures;
using Mail.Directory.Lookup;

namespace Mail.Tests.Directory;

internal sealed class LookupCacheTests
{
    [Test]
    public void Set_AfterAnInvalidationThatHappenedDuringTheRead_IsDropped()
    {
        var cache = new LookupCache<string>(TimeSpan.FromMinutes(1), TimeProvider.System);
        var generation = cache.Generation;   // a lookup starts reading the directory...
        cache.Invalidate();                  // ...a change lands meanwhile...
        cache.Set("k", "stale", generation); // ...and the old answer must not be cached.
        Assert.That(cache.TryGet("k", out _), Is.False);

        cache.Set("k", "fresh", cache.Generation);
        Assert.That(cache.TryGet("k", out var value) ? value : null, Is.EqualTo("fresh"));
    }

    [Test]
    public void Entries_ExpireAfterTheTtl()
    {
        var time = new ManualTime();
        var cache = new LookupCache<string>(TimeSpan.FromSeconds(30), time);
        cache.Set("k", "v", cache.Generation);
        time.Advance(TimeSpan.FromSeconds(29));
        Assert.That(cache.TryGet("k", out _), Is.True);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(cache.TryGet("k", out _), Is.False);
    }
}
