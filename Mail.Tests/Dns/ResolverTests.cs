using DnsClient;
using DnsClient.Protocol;
using Mail.Server.Dns;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Dns;

/// <summary>The appliance's resolver against the loopback test DNS server: the answers routing and sender checks rely on.</summary>
internal sealed class ResolverTests
{
    private FakeDns _dns = null!;
    private LookupClient _resolver = null!;

    [SetUp]
    public void Start()
    {
        _dns = FakeDns.Start();
        _resolver = ResolverFactory.Create(new DnsOptions { Server = _dns.Server, TimeoutSeconds = 1 });
    }

    [TearDown]
    public void Stop() => _dns.Dispose();

    [Test]
    public async Task Mx_NullMx_NxDomain_AndServFail_AreTold_Apart()
    {
        _dns.Mx("truong.example", 20, "mx2.truong.example").Mx("truong.example", 10, "mx1.truong.example").NullMx("nomail.example").Fail("broken.example");

        var mx = await _resolver.QueryAsync("truong.example", QueryType.MX);
        Assert.That(mx.HasError, Is.False);
        Assert.That(mx.Answers.MxRecords().OrderBy(r => r.Preference).Select(r => r.Exchange.Value), Is.EqualTo(new[] { "mx1.truong.example.", "mx2.truong.example." }));

        var nullMx = (await _resolver.QueryAsync("nomail.example", QueryType.MX)).Answers.MxRecords().Single();
        Assert.That((nullMx.Preference, nullMx.Exchange.Value), Is.EqualTo(((ushort)0, ".")));

        Assert.That((await _resolver.QueryAsync("missing.example", QueryType.MX)).Header.ResponseCode, Is.EqualTo(DnsHeaderResponseCode.NotExistentDomain));
        Assert.That((await _resolver.QueryAsync("broken.example", QueryType.MX)).Header.ResponseCode, Is.EqualTo(DnsHeaderResponseCode.ServerFailure));
    }

    [Test]
    public async Task LongTxt_ComesBackWhole_AndAddresses_OfBothFamilies()
    {
        var key = "v=DKIM1; k=rsa; p=" + new string('A', 400);
        _dns.Txt("s1._domainkey.truong.example", key).Address("mx.truong.example", "127.0.0.1").Address("mx.truong.example", "::1");

        var txt = (await _resolver.QueryAsync("s1._domainkey.truong.example", QueryType.TXT)).Answers.TxtRecords().Single();
        Assert.That(string.Concat(txt.Text), Is.EqualTo(key));
        Assert.That((await _resolver.QueryAsync("mx.truong.example", QueryType.A)).Answers.ARecords().Single().Address.ToString(), Is.EqualTo("127.0.0.1"));
        Assert.That((await _resolver.QueryAsync("mx.truong.example", QueryType.AAAA)).Answers.AaaaRecords().Single().Address.ToString(), Is.EqualTo("::1"));
    }

    [Test]
    public void Endpoints_Parse_WithAndWithoutPort()
    {
        Assert.That(ResolverFactory.TryParseEndpoint("127.0.0.1", out var plain) && plain.Port == 53, Is.True);
        Assert.That(ResolverFactory.TryParseEndpoint("127.0.0.1:5353", out var withPort) && withPort.Port == 5353, Is.True);
        Assert.That(ResolverFactory.TryParseEndpoint("[::1]:5353", out var v6) && v6.Port == 5353, Is.True);
        Assert.That(ResolverFactory.TryParseEndpoint("dns.example", out _), Is.False);
        Assert.That(new DnsOptions { Server = "dns.example" }.Validate(), Does.Contain("Mail:Dns:Server"));
    }
}
