using Mail.Tests.Fixtures;

namespace Mail.Tests.Cli;

/// <summary><c>domain dns</c> through the real executable, asking the loopback test DNS server: one line per record with
/// its verdict, and a non-zero exit naming how many records need attention.</summary>
[NonParallelizable]
internal sealed class DomainDnsCliTests
{
    private const string Domain = "truong.edu.vn";
    private const string Host = "mail.truong.edu.vn";
    private string _root = null!;
    private CliRunner _cli = null!;
    private FakeDns _dns = null!;

    [OneTimeSetUp]
    public async Task InitAsync()
    {
        _root = TestFolder.New("domain-dns");
        (_cli, _) = await CliRunner.InitAsync(_root, Domain, "Xin-chao-2026!");
        _dns = FakeDns.Start();
        _cli.Environment["Mail__Dns__Server"] = _dns.Server;
    }

    [OneTimeTearDown]
    public void Cleanup()
    {
        _dns.Dispose();
        TestFolder.Remove(_root);
    }

    [Test]
    public async Task Dns_SaysWhatIsInPlace_AndWhatIsMissing_ThenExitsNonZero()
    {
        var keys = await _cli.RunAsync("dkim", "show", Domain);
        var rsa = keys.StdoutLines.Single(l => l.Contains("k=rsa", StringComparison.Ordinal));
        var rsaName = rsa[..rsa.IndexOf(' ', StringComparison.Ordinal)].TrimEnd('.');
        _dns.Mx(Domain, 10, Host).Address(Host, "192.0.2.10").Txt(Domain, "v=spf1 a:mail.truong.edu.vn -all").Cname($"autoconfig.{Domain}", Host);

        var check = await _cli.RunAsync("domain", "dns", Domain);

        Assert.That(check.ExitCode, Is.EqualTo(1), check.ToString());
        Assert.That(check.StdoutLines, Has.Some.StartsWith($"ok       MX: {Domain}. MX 10 {Host}."));
        Assert.That(check.StdoutLines, Has.Some.StartsWith($"ok       SPF: {Domain}. TXT"));
        Assert.That(check.StdoutLines, Has.Some.StartsWith($"missing  DKIM (rsa, signing): {rsaName}. TXT v=DKIM1; k=rsa; p=MIIB"));
        Assert.That(check.StdoutLines, Has.Some.StartsWith($"missing  DMARC: _dmarc.{Domain}. TXT v=DMARC1;"));
        Assert.That(check.StdoutLines, Has.Some.StartsWith($"ok       autoconfig: autoconfig.{Domain}. CNAME {Host}."));
        Assert.That(check.Stderr.Trim(), Is.EqualTo($"mailappliance: 4 of 8 records of {Domain} need attention"),
            "the host's missing AAAA is no problem; DKIM rsa and ed25519, DMARC and autodiscover are");
    }

    [Test]
    public async Task Dns_ForADomainNotHostedHere_IsRefusedInOneLine()
    {
        var check = await _cli.RunAsync("domain", "dns", "khac.example");

        Assert.That(check.ExitCode, Is.EqualTo(1));
        Assert.That(check.Stderr.Trim(), Is.EqualTo("mailappliance: khac.example is not a domain of this appliance"));
    }
}
