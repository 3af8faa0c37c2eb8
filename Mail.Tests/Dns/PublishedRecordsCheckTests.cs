using Mail.Server.Dkim;
using Mail.Server.Dns;
using Mail.Tests.Fixtures;
using Mail.WebAdmin.Engine;

namespace Mail.Tests.Dns;

/// <summary>The check of a domain's published records against the loopback test DNS server: right records pass, and
/// every way of getting one wrong is told apart from "DNS did not answer".</summary>
internal sealed class PublishedRecordsCheckTests
{
    private const string Domain = "truong.edu.vn";
    private const string Host = "mail.truong.edu.vn";
    private static readonly DkimKey Rsa = new("rsa-20261129", DkimAlgorithm.Rsa, DkimKeyState.Active, "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAtest", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    private static readonly DkimKey Ed = new("ed25519-20261129", DkimAlgorithm.Ed25519, DkimKeyState.Active, "11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHURo=", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    private static readonly DkimKey Retired = new("old", DkimAlgorithm.Rsa, DkimKeyState.Retired, "MIIold", DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch);
    private FakeDns _dns = null!;

    [SetUp]
    public void Start() => _dns = FakeDns.Start();

    [TearDown]
    public void Stop() => _dns.Dispose();

    [Test]
    public async Task EverythingPublished_IsOk_AndSpfIsJudgedByEvaluatingIt()
    {
        _dns.Mx(Domain, 10, Host).Address(Host, "192.0.2.10").Address(Host, "2001:db8::10")
            .Txt(Domain, "v=spf1 mx -all").Txt(Domain, "google-site-verification=abc")
            .Txt($"rsa-20261129._domainkey.{Domain}", $"v=DKIM1; k=rsa; p={Rsa.PublicKey}")
            .Txt($"ed25519-20261129._domainkey.{Domain}", $"v=DKIM1; k=ed25519; p={Ed.PublicKey}")
            .Txt($"_dmarc.{Domain}", "v=DMARC1; p=reject")
            .Cname($"autoconfig.{Domain}", Host).Cname($"autodiscover.{Domain}", Host)
            .Srv($"_submissions._tcp.{Domain}", 0, 1, 465, Host).Srv($"_imaps._tcp.{Domain}", 0, 1, 993, Host);

        var checks = await CheckAsync([Rsa, Ed, Retired]);

        Assert.That(checks.Select(c => c.Purpose), Is.EqualTo(new[]
        {
            "MX", "host address", "SPF", "DKIM (rsa, signing)", "DKIM (ed25519, signing)", "DMARC", "autoconfig", "autodiscover", "client SRV", "client SRV",
        }), "the retired key and the listeners that are off (submission 587 and POP3S here) are not asked for");
        Assert.That(checks.Where(c => c.Status != DnsCheckStatus.Ok).Select(c => $"{c.Purpose}: {c.Note}"), Is.Empty);
        Assert.That(checks.Single(c => c.Purpose == "SPF").Note.Text, Does.Contain("allows every address"));
        Assert.That(checks.Single(c => c.Purpose == "host address").Found, Is.EquivalentTo(new[] { "192.0.2.10", "2001:db8::10" }));
        Assert.That(checks.Single(c => c.Purpose == "DMARC").Note.Text, Is.EqualTo("policy reject"));
        Assert.That(checks.Single(c => c.Purpose == "MX").Expected, Is.EqualTo($"10 {Host}."));
    }

    [Test]
    public async Task NothingPublished_IsMissing_WithTheRecordsToPublish()
    {
        var checks = await CheckAsync([Rsa]);

        Assert.That(checks.Where(c => c.Purpose != "SPF").Select(c => c.Status), Is.All.EqualTo(DnsCheckStatus.Missing));
        Assert.That(checks.Single(c => c.Purpose == "SPF").Status, Is.EqualTo(DnsCheckStatus.Missing));
        Assert.That(checks.Single(c => c.Purpose.StartsWith("DKIM", StringComparison.Ordinal)).Expected, Is.EqualTo($"v=DKIM1; k=rsa; p={Rsa.PublicKey}"));
        Assert.That(checks.Single(c => c.Purpose == "DMARC").Name, Is.EqualTo($"_dmarc.{Domain}."));
    }

    [Test]
    public async Task WrongRecords_AreWrong_WithTheReason()
    {
        _dns.Mx(Domain, 10, "mx.elsewhere.example").Address(Host, "192.0.2.10")
            .Txt(Domain, "v=spf1 ip4:198.51.100.0/24 -all")
            .Txt($"rsa-20261129._domainkey.{Domain}", "v=DKIM1; k=rsa; p=MIIanotherkey")
            .Txt($"_dmarc.{Domain}", "v=DMARC1; p=none").Txt($"_dmarc.{Domain}", "v=DMARC1; p=reject")
            .Cname($"autoconfig.{Domain}", "web.elsewhere.example");

        var checks = (await CheckAsync([Rsa])).Where(c => c.Purpose != "client SRV").ToDictionary(c => c.Purpose);

        Assert.That(checks["MX"].Status, Is.EqualTo(DnsCheckStatus.Wrong));
        Assert.That(checks["MX"].Found, Is.EqualTo(new[] { "10 mx.elsewhere.example." }));
        Assert.That(checks["SPF"].Status, Is.EqualTo(DnsCheckStatus.Wrong));
        Assert.That(checks["SPF"].Note.Text, Does.Contain("192.0.2.10 (fail)"));
        Assert.That(checks["DKIM (rsa, signing)"].Status, Is.EqualTo(DnsCheckStatus.Wrong));
        Assert.That(checks["DMARC"].Status, Is.EqualTo(DnsCheckStatus.Wrong), "two DMARC records");
        Assert.That(checks["autoconfig"].Status, Is.EqualTo(DnsCheckStatus.Wrong));
    }

    [Test]
    public async Task TwoSpfRecords_AreWrong()
    {
        _dns.Mx(Domain, 10, Host).Address(Host, "192.0.2.10").Txt(Domain, "v=spf1 mx -all").Txt(Domain, "v=spf1 a -all");

        var spf = (await CheckAsync([])).Single(c => c.Purpose == "SPF");

        Assert.That(spf.Status, Is.EqualTo(DnsCheckStatus.Wrong));
        Assert.That(spf.Found, Has.Count.EqualTo(2));
    }

    [Test]
    public async Task ServerFailure_IsUnknown_NotMissing()
    {
        _dns.Fail(Domain).Fail($"_dmarc.{Domain}").Address(Host, "192.0.2.10");

        var checks = (await CheckAsync([])).Where(c => c.Purpose != "client SRV").ToDictionary(c => c.Purpose);

        Assert.That(checks["MX"].Status, Is.EqualTo(DnsCheckStatus.Unknown));
        Assert.That(checks["SPF"].Status, Is.EqualTo(DnsCheckStatus.Unknown));
        Assert.That(checks["DMARC"].Status, Is.EqualTo(DnsCheckStatus.Unknown));
        Assert.That(checks["autoconfig"].Status, Is.EqualTo(DnsCheckStatus.Missing), "other names still answer");
    }

    private Task<IReadOnlyList<DnsRecordCheck>> CheckAsync(IReadOnlyList<DkimKey> keys)
    {
        var resolver = ResolverFactory.Create(new DnsOptions { Server = _dns.Server, TimeoutSeconds = 2 }, cache: false);
        var check = new PublishedRecordsCheck(resolver, Host, new ClientEndpoints(Submission: 0, SubmissionTls: 465, ImapTls: 993, Pop3Tls: 0));
        return check.CheckAsync(Domain, keys, CancellationToken.None);
    }
}
