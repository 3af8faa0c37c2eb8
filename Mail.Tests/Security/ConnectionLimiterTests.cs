using System.Net;
using Mail.Server.Security;

namespace Mail.Tests.Security;

internal sealed class ConnectionLimiterTests
{
    [Test]
    public void OneClient_IsLimited_OthersAreNot_AndAClosedSlotComesBack()
    {
        var limiter = new ConnectionLimiter(perClient: 2, total: 10);
        var a = IPAddress.Parse("192.0.2.1");
        var first = limiter.TryAcquire(a);
        var second = limiter.TryAcquire(a);
        Assert.That(limiter.TryAcquire(a), Is.Null);
        Assert.That(limiter.TryAcquire(IPAddress.Parse("192.0.2.2")), Is.Not.Null);
        second!.Dispose();
        second.Dispose();
        Assert.That(limiter.Open, Is.EqualTo(2), "a lease released twice counts once");
        Assert.That(limiter.TryAcquire(a), Is.Not.Null);
        first!.Dispose();
    }

    [Test]
    public void TheTotal_IsLimited()
    {
        var limiter = new ConnectionLimiter(perClient: 5, total: 2);
        Assert.That(limiter.TryAcquire(IPAddress.Parse("192.0.2.1")), Is.Not.Null);
        Assert.That(limiter.TryAcquire(IPAddress.Parse("192.0.2.2")), Is.Not.Null);
        Assert.That(limiter.TryAcquire(IPAddress.Parse("192.0.2.3")), Is.Null);
    }

    [Test]
    public void IPv6_CountsPerSlash64_AndMappedIPv4_AsIPv4()
    {
        var limiter = new ConnectionLimiter(perClient: 1, total: 10);
        Assert.That(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:2::1")), Is.Not.Null);
        Assert.That(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:2::ffff")), Is.Null, "same /64");
        Assert.That(limiter.TryAcquire(IPAddress.Parse("2001:db8:1:3::1")), Is.Not.Null, "another /64");
        Assert.That(limiter.TryAcquire(IPAddress.Parse("198.51.100.7")), Is.Not.Null);
        Assert.That(limiter.TryAcquire(IPAddress.Parse("::ffff:198.51.100.7")), Is.Null, "mapped IPv4 is the same client");
    }
}
