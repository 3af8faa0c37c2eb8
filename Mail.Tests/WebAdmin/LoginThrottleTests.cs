using System.Net;
using Mail.Tests.Fixtures;
using Mail.WebAdmin.Security;

namespace Mail.Tests.WebAdmin;

/// <summary>The web sign-in throttle counts failures per client address, never per account.</summary>
internal sealed class LoginThrottleTests
{
    private static readonly IPAddress Stranger = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Teacher = IPAddress.Parse("198.51.100.20");

    [Test]
    public void FiveFailures_RefuseThatAddressOnly_UntilTheWindowPasses()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(time);
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.That(throttle.Allows(Stranger), Is.True, $"attempt {i + 1}");
            throttle.Failed(Stranger);
        }

        Assert.That(throttle.Allows(Stranger), Is.False, "the guesser is refused");
        Assert.That(throttle.Allows(Teacher), Is.True, "the real user elsewhere is not locked out");
        Assert.That(throttle.Allows(IPAddress.Parse("203.0.113.7").MapToIPv6()), Is.False, "an IPv4-mapped form is the same client");

        time.Advance(LoginThrottle.Window + TimeSpan.FromSeconds(1));
        Assert.That(throttle.Allows(Stranger), Is.True, "the refusal ends");
    }

    [Test]
    public void Success_ForgivesEarlierFailures_AndIPv6CountsPerSlash64()
    {
        var time = new ManualTime();
        var throttle = new LoginThrottle(time);
        var first = IPAddress.Parse("2001:db8:1:2::10");
        var sameNetwork = IPAddress.Parse("2001:db8:1:2::99");
        for (var i = 0; i < LoginThrottle.MaxFailures - 1; i++)
        {
            throttle.Failed(first);
        }

        throttle.Failed(sameNetwork);
        Assert.That(throttle.Allows(first), Is.False, "one /64 is one client");

        throttle.Succeeded(sameNetwork);
        Assert.That(throttle.Allows(first), Is.True);
    }
}
