using System.Text;
using System.Text.RegularExpressions;
using Mail.Server.Dkim;
using Mail.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mail.Tests.Cli;

/// <summary><c>dkim generate|activate|show</c>, and the keys <c>init</c> and <c>domain add</c> make, through the real
/// executable; the printed records are checked by signing mail and verifying it with dkimpy against them.</summary>
[NonParallelizable]
internal sealed partial class DkimCliTests
{
    private const string Password = "Xin-chao-2026!";
    private const string Domain = "truong.edu.vn";
    private string _root = null!;
    private CliRunner _cli = null!;

    [OneTimeSetUp]
    public async Task InitAsync()
    {
        _root = TestFolder.New("dkim-cli");
        (_cli, var init) = await CliRunner.InitAsync(_root, Domain, Password);
        Assert.That(init.StdoutLines, Has.Some.Match($"^created rsa DKIM key rsa-[0-9]{{8}} for {Domain} \\(active").And.Some.Match($"^created ed25519 DKIM key ed25519-[0-9]{{8}} for {Domain} \\(active"));
    }

    [OneTimeTearDown]
    public void Cleanup() => TestFolder.Remove(_root);

    private DkimKeyFolder Keys => new(Path.Combine(_cli.DataDirectory, "dkim"));

    [Test]
    public async Task Init_KeysAreActive_OwnerOnly_AndTheShownRecordsVerifySignedMail()
    {
        var show = await OkAsync("dkim", "show", Domain);
        var records = Records(show);
        Assert.That(show.StdoutLines.Where(l => l.StartsWith(';')), Has.Exactly(2).Contains(": active (signs mail)"));
        Assert.That(records.Values, Has.Exactly(1).StartsWith("v=DKIM1; k=rsa; p=MIIB").And.Exactly(1).StartsWith("v=DKIM1; k=ed25519; p="));
        foreach (var pem in System.IO.Directory.GetFiles(Keys.DomainFolder(Domain), "*.pem"))
        {
            Assert.That(File.GetUnixFileMode(pem), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), pem);
        }

        var signed = await new DkimMessageSigner(Keys, NullLogger<DkimMessageSigner>.Instance).SignAsync(Encoding.UTF8.GetBytes(SampleMessages.Multipart), Domain, CancellationToken.None);
        Assert.That(await Dkimpy.VerifyAsync(signed!, records), Is.EqualTo(new[] { true, true }), "mail signed with the keys verifies against the printed records");
    }

    [Test]
    public async Task Rotation_GenerateIsPending_ActivateRetiresTheOldKey()
    {
        const string domain = "xoay.truong.edu.vn";
        var add = await OkAsync("domain", "add", domain);
        Assert.That(add.StdoutLines, Has.Exactly(2).Contains($"DKIM key").And.Contains("(active"), "domain add makes both keys");
        var before = await Keys.ReadAsync(domain, CancellationToken.None);
        var oldRsa = before.Single(k => k.Algorithm == DkimAlgorithm.Rsa).Selector;

        var generate = await OkAsync("dkim", "generate", domain, "--selector", "Tuan48");
        Assert.That(generate.Stdout, Does.Contain($"generated rsa DKIM key tuan48 for {domain}: pending").And.Contain($"dkim activate {domain} tuan48"));
        var pending = await OkAsync("dkim", "show", domain);
        Assert.That(pending.StdoutLines, Has.Some.StartsWith("; rsa key tuan48: pending"));
        Assert.That(Records(pending).Keys, Does.Contain($"tuan48._domainkey.{domain}"), "a pending key's record is shown so it can be published first");

        var activate = await OkAsync("dkim", "activate", domain, "tuan48");
        Assert.That(activate.Stdout, Does.Contain($"activated rsa DKIM key tuan48 of {domain}; retired {oldRsa}"));
        var after = await OkAsync("dkim", "show", domain);
        Assert.That(after.StdoutLines, Has.Some.StartsWith("; rsa key tuan48: active").And.Some.StartsWith($"; rsa key {oldRsa}: retired"));
        Assert.That(Records(after).Keys, Does.Not.Contain($"{oldRsa}._domainkey.{domain}"));
        var keys = await Keys.ReadAsync(domain, CancellationToken.None);
        Assert.That(keys.Where(k => k.State == DkimKeyState.Active).Select(k => k.Algorithm), Is.EquivalentTo(new[] { DkimAlgorithm.Rsa, DkimAlgorithm.Ed25519 }), "one active key per algorithm");

        var ed = await OkAsync("dkim", "generate", domain, "--algorithm", "ed25519");
        Assert.That(ed.Stdout, Does.Match($"generated ed25519 DKIM key ed25519-[0-9]{{8}}-2 for {domain}: pending"), "a default selector already taken gets a suffix");
    }

    [TestCase(new[] { "dkim", "generate", "khong-co.edu.vn" }, "unknown domain khong-co.edu.vn")]
    [TestCase(new[] { "dkim", "show", "khong-co.edu.vn" }, "unknown domain khong-co.edu.vn")]
    [TestCase(new[] { "dkim", "activate", "khong-co.edu.vn", "abc" }, "unknown domain khong-co.edu.vn")]
    [TestCase(new[] { "dkim", "generate", Domain, "--selector", "sai_cu.phap" }, "DKIM selector 'sai_cu.phap' is not a DNS name")]
    [TestCase(new[] { "dkim", "generate", Domain, "--selector", "-abc" }, "is not a DNS name")]
    [TestCase(new[] { "dkim", "generate", Domain, "--algorithm", "dsa" }, "unknown DKIM algorithm 'dsa' (rsa or ed25519)")]
    [TestCase(new[] { "dkim", "activate", Domain, "khongco" }, "truong.edu.vn has no DKIM key with selector khongco")]
    public async Task BadInput_PrintsOneLineAndExitsNonZero_AndChangesNothing(string[] args, string message)
    {
        var before = await File.ReadAllTextAsync(Keys.ManifestFile(Domain));
        AssertOneLineError(await _cli.RunAsync(args), message);
        Assert.That(await File.ReadAllTextAsync(Keys.ManifestFile(Domain)), Is.EqualTo(before));
    }

    [Test]
    public async Task Generate_AnExistingSelector_IsRefused_AndActivatingAnActiveKeyToo()
    {
        const string domain = "trung.truong.edu.vn";
        await OkAsync("domain", "add", domain);
        var selector = (await Keys.ReadAsync(domain, CancellationToken.None))[0].Selector;
        AssertOneLineError(await _cli.RunAsync("dkim", "generate", domain, "--selector", selector.ToUpperInvariant()), $"{domain} already has a DKIM key with selector {selector}");
        AssertOneLineError(await _cli.RunAsync("dkim", "activate", domain, selector), "is already active");
        Assert.That(System.IO.Directory.GetFiles(Keys.DomainFolder(domain), "*.pem"), Has.Length.EqualTo(2));
    }

    [Test]
    public async Task Run_SignsSubmittedMail_AndAKeyActivatedWhileItRunsSignsTheNextMessage()
    {
        const string domain = "chay.truong.edu.vn";
        await OkAsync("domain", "add", domain);
        await OkAsync("user", "add", "annv@" + domain, "--name", "Nguyễn Văn An", "--password", Password);
        var submission = FreePort.Next();
        _cli.Environment["Mail__Submission__Port"] = submission.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var run = _cli.Start("run");
        try
        {
            await CliRunner.WaitUntilRunningAsync(run);
            var first = await SubmitAsync(submission, "annv@" + domain);
            Assert.That(await Dkimpy.VerifyAsync(first, Records(await OkAsync("dkim", "show", domain))), Is.EqualTo(new[] { true, true }));

            // Another process changes the keys; the running appliance signs the next message with the new one.
            await OkAsync("dkim", "generate", domain, "--selector", "moi");
            await OkAsync("dkim", "activate", domain, "moi");
            var second = await SubmitAsync(submission, "annv@" + domain);
            Assert.That(Encoding.ASCII.GetString(second), Does.Contain("s=moi;"));
            Assert.That(await Dkimpy.VerifyAsync(second, Records(await OkAsync("dkim", "show", domain))), Is.EqualTo(new[] { true, true }));
        }
        finally
        {
            _cli.Environment.Remove("Mail__Submission__Port");
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        }
    }

    /// <summary>Submits a Vietnamese message from <paramref name="user"/> to an outside address (STARTTLS pinned to the
    /// appliance's own certificate) and returns the spooled copy without its envelope line.</summary>
    private async Task<byte[]> SubmitAsync(int port, string user)
    {
        var spool = Path.Combine(_cli.DataDirectory, "spool");
        var before = System.IO.Directory.Exists(spool) ? System.IO.Directory.GetFiles(spool, "*.msg") : [];
        using var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(Path.Combine(_cli.DataDirectory, "tls", "cert.pem")));
        using var client = new MailKit.Net.Smtp.SmtpClient { ServerCertificateValidationCallback = TestCertificate.Pin(certificate) };
        await client.ConnectAsync("127.0.0.1", port, MailKit.Security.SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(user, Password);
        var message = new MimeKit.MimeMessage();
        message.From.Add(new MimeKit.MailboxAddress("Nguyễn Văn An", user));
        message.To.Add(new MimeKit.MailboxAddress("Trưởng phòng", "truongphong@sgd.example"));
        message.Subject = "Báo cáo tuần";
        message.Body = new MimeKit.TextPart("plain") { Text = "Kính gửi Trưởng phòng,\r\nbáo cáo tuần đính kèm.\r\n" };
        await client.SendAsync(message);
        await client.DisconnectAsync(true);

        var spooled = await File.ReadAllBytesAsync(System.IO.Directory.GetFiles(spool, "*.msg").Except(before).Single());
        return spooled[(Array.IndexOf(spooled, (byte)'\n') + 1)..];
    }

    private async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }

    /// <summary>The records of a <c>dkim show</c>: owner name (no final dot) to the joined character-strings.</summary>
    private static Dictionary<string, string> Records(CliResult show) =>
        show.StdoutLines.Where(l => !l.StartsWith(';')).Select(l => ZoneLine().Match(l) is { Success: true } m ? m : throw new AssertionException("not a zone-file TXT line: " + l)).ToDictionary(
            m => m.Groups[1].Value,
            m => string.Concat(m.Groups[2].Captures.Select(c => c.Value)));

    private static void AssertOneLineError(CliResult result, string message)
    {
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines[0], Does.StartWith("mailappliance: ").And.Contain(message));
    }

    [GeneratedRegex("^([a-z0-9._-]+)\\. IN TXT \\((?: \"([^\"]{1,255})\")+ \\)$")]
    private static partial Regex ZoneLine();
}
