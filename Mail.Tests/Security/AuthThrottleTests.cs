using Mail.Tests.Fixtures;
using System.Net;
using Mail.Server.Security;

namespace Mail.Tests.Security;

internal sealed class AuthThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("198.51.100.9");
    private static readonly IPAddress Teacher = IPAddress.Parse("192.0.2.20");

    [Test]
    public void FiveFailuresInAMinute_SlowThenRefuse_OnlyThatAddress()
    {
        var time = new ManualTime();
        var throttle = new AuthThrottle(new AuthThrottleOptions(), time);
        var verdicts = new List<AuthThrottleVerdict>();
        for (var i = 0; i < 5; i++)
        {
            verdicts.Add(throttle.Check(Attacker));
            throttle.Failed(Attacker);
            time.Advance(TimeSpan.FromSeconds(5));
        }

        Assert.That(verdicts, Is.EqualTo(new[]
        {
            AuthThrottleVerdict.Allow, AuthThrottleVerdict.Allow, AuthThrottleVerdict.Allow, AuthThrottleVerdict.Slow, AuthThrottleVerdict.Slow,
        }));
        Assert.That(throttle.Check(Attacker), Is.EqualTo(AuthThrottleVerdict.Refuse));
        Assert.That(throttle.Check(Teacher), Is.EqualTo(AuthThrottleVerdict.Allow), "the account owner elsewhere is not locked out");

        time.Advance(TimeSpan.FromMinutes(16));
        Assert.That(throttle.Check(Attacker), Is.EqualTo(AuthThrottleVerdict.Allow));
    }

    [Test]
    public void FailuresSpreadOverMoreThanTheWindow_NeverBlock()
    {
        var time = new ManualTime();
        var throttle = new AuthThrottle(new AuthThrottleOptions(), time);
        for (var i = 0; i < 20; i++)
        {
            throttle.Failed(Teacher);
            time.Advance(TimeSpan.FromSeconds(31));
        }

        Assert.That(throttle.Check(Teacher), Is.EqualTo(AuthThrottleVerdict.Allow));
    }

    [Test]
    public void Ipv6Clients_AreCountedPerSlash64()
    {
        var throttle = new AuthThrottle(new AuthThrottleOptions(), new ManualTime());
        for (var i = 1; i <= 5; i++)
        {
            throttle.Failed(IPAddress.Parse($"2001:db8:1:2::{i}"));
        }

        Assert.That(throttle.Check(IPAddress.Parse("2001:db8:1:2::99")), Is.EqualTo(AuthThrottleVerdict.Refuse));
        Assert.That(throttle.Check(IPAddress.Parse("2001:db8:1:3::1")), Is.EqualTo(AuthThrottleVerdict.Allow));
    }
}
