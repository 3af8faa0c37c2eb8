using Mail.Server.Security;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Security;

internal sealed class CommandRateLimiterTests
{
    [Test]
    public void BurstRunsAtOnce_ThenCommandsWaitForTheRate()
    {
        var time = new ManualTime();
        var rate = new CommandRateLimiter(burst: 100, perSecond: 10, time);
        var waits = Enumerable.Range(0, 100).Select(_ => rate.Take()).ToList();
        Assert.That(waits, Is.All.EqualTo(TimeSpan.Zero), "a burst the size of the bucket is not slowed");

        Assert.That(rate.Take(), Is.EqualTo(TimeSpan.FromMilliseconds(100)), "one over: one interval of the rate");
        Assert.That(rate.Take(), Is.EqualTo(TimeSpan.FromMilliseconds(200)), "two over without waiting: two intervals");
    }

    [Test]
    public void ASessionThatWaits_IsNotSlowedAgain()
    {
        var time = new ManualTime();
        var rate = new CommandRateLimiter(burst: 5, perSecond: 10, time);
        for (var i = 0; i < 5; i++)
        {
            rate.Take();
        }

        var wait = rate.Take();
        time.Advance(wait);
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.That(rate.Take(), Is.EqualTo(TimeSpan.Zero), "a client at the steady rate never waits");

        time.Advance(TimeSpan.FromMinutes(1));
        var afterQuiet = Enumerable.Range(0, 5).Select(_ => rate.Take()).ToList();
        Assert.That(afterQuiet, Is.All.EqualTo(TimeSpan.Zero), "a quiet minute refills the whole burst");
        Assert.That(rate.Take(), Is.GreaterThan(TimeSpan.Zero), "but never more than the burst");
    }
}
