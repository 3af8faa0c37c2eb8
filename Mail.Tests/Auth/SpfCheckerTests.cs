using System.Net;
using Mail.Server.Auth;
using Mail.Server.Dns;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Auth;

/// <summary>ARSoft.Tools.Net's SPF validator, as we configure it, on the RFC 7208 cases the appliance relies on,
/// against the loopback DNS server.</summary>
internal sealed class SpfCheckerTests
{
    private static readonly IPAddress Client = IPAddress.Parse("192.0.2.10");
    private FakeDns _dns = null!;
    private SpfChecker _spf = null!;

    [SetUp]
    public void Start()
    {
        _dns = FakeDns.Start();
        _spf = new SpfChecker(ResolverFactory.Create(new DnsOptions { Server = _dns.Server, TimeoutSeconds = 1 }), "mail.truong.edu.vn");
    }

    [TearDown]
    public void Stop() => _dns.Dispose();

    [TestCase("v=spf1 ip4:192.0.2.0/24 -all", AuthResult.Pass)]
    [TestCase("v=spf1 a -all", AuthResult.Pass)]
    [TestCase("v=spf1 mx -all", AuthResult.Pass)]
    [TestCase("v=spf1 include:_spf.provider.example -all", AuthResult.Pass)]
    [TestCase("v=spf1 redirect=_spf.provider.example", AuthResult.Pass)]
    [TestCase("v=spf1 IP4:192.0.2.10 -ALL", AuthResult.Pass)]
    [TestCase("v=spf1 ip4:198.51.100.0/24 -all", AuthResult.Fail)]
    [TestCase("v=spf1 ip4:198.51.100.1 ~all", AuthResult.SoftFail)]
    [TestCase("v=spf1 ?all", AuthResult.Neutral)]
    [TestCase("v=spf1 ip4:198.51.100.1", AuthResult.Neutral)]
    [TestCase("v=spf1 include:nothing.example -all", AuthResult.PermError)]
    [TestCase("v=spf1 ip4:not-an-address -all", AuthResult.PermError)]
    [TestCase("v=spf1 include:broken.example -all", AuthResult.TempError)]
    public async Task Record_GivesTheRfcResult(string record, AuthResult expected)
    {
        _dns.Txt("truong.edu.vn", record).Address("truong.edu.vn", "192.0.2.10").Mx("truong.edu.vn", 10, "mx.truong.edu.vn").Address("mx.truong.edu.vn", "192.0.2.10")
            .Txt("_spf.provider.example", "v=spf1 ip4:192.0.2.10 -all").Txt("nothing.example", "not spf").Fail("broken.example");
        Assert.That((await CheckAsync("gv@truong.edu.vn")).Result, Is.EqualTo(expected));
    }

    [Test]
    public async Task NoRecord_IsNone_ServFailIsTemperror_TwoRecordsArePermerror()
    {
        _dns.Txt("plain.example", "some other text").Fail("down.example").Txt("twice.example", "v=spf1 -all").Txt("twice.example", "v=spf1 +all");
        Assert.That((await CheckAsync("a@plain.example")).Result, Is.EqualTo(AuthResult.None));
        Assert.That((await CheckAsync("a@missing.example")).Result, Is.EqualTo(AuthResult.None));
        Assert.That((await CheckAsync("a@down.example")).Result, Is.EqualTo(AuthResult.TempError));
        Assert.That((await CheckAsync("a@twice.example")).Result, Is.EqualTo(AuthResult.PermError));
    }

    [Test]
    public async Task ALongRecord_SplitIntoStrings_IsJoinedWithoutSpaces()
    {
        // RFC 7208 3.3: the strings of one TXT record are concatenated; the match is at the end of a 300-byte record.
        var filler = string.Concat(Enumerable.Range(1, 20).Select(i => $" ip4:198.51.100.{i}"));
        _dns.Txt("long.example", "v=spf1" + filler + " ip4:192.0.2.10 -all");
        Assert.That((await CheckAsync("a@long.example")).Result, Is.EqualTo(AuthResult.Pass));
    }

    [Test]
    public async Task TheNullSender_ChecksHelo_AndAnAddressLiteralIsNone()
    {
        _dns.Txt("mx.truong.edu.vn", "v=spf1 ip4:192.0.2.10 -all");
        var helo = await _spf.CheckAsync(new InboundEnvelope(Client, "mx.truong.edu.vn", string.Empty), CancellationToken.None);
        Assert.That(helo, Is.EqualTo(new SpfCheck(AuthResult.Pass, "mx.truong.edu.vn", FromHelo: true)));
        var literal = await _spf.CheckAsync(new InboundEnvelope(Client, "[192.0.2.10]", string.Empty), CancellationToken.None);
        Assert.That(literal.Result, Is.EqualTo(AuthResult.None));
    }

    [Test]
    public async Task AnIpv4MappedClient_IsCheckedAsIpv4()
    {
        _dns.Txt("truong.edu.vn", "v=spf1 ip4:192.0.2.10 -all");
        var check = await _spf.CheckAsync(new InboundEnvelope(Client.MapToIPv6(), "x", "gv@truong.edu.vn"), CancellationToken.None);
        Assert.That(check.Result, Is.EqualTo(AuthResult.Pass));
    }

    private Task<SpfCheck> CheckAsync(string mailFrom) => _spf.CheckAsync(new InboundEnvelope(Client, "mx.sender.example", mailFrom), CancellationToken.None);
}
