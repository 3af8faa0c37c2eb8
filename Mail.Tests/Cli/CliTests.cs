using System.Diagnostics;
using System.Globalization;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Cli;

/// <summary>The mailappliance command end to end: a real process, a real data folder, a real slapd.</summary>
[NonParallelizable]
internal sealed class CliTests
{
    private const string Password = "Xin-chao-2026!";
    private const string Domain = "truong.edu.vn";
    private string _root = null!;
    private CliRunner _cli = null!;

    [OneTimeSetUp]
    public async Task InitAsync()
    {
        _root = TestFolder.New("cli");
        _cli = new CliRunner(Path.Combine(_root, "data"), FreePort.Next());
        var init = await _cli.RunAsync("init", "--domain", Domain, "--admin-password", Password, "--hostname", "mail.truong.edu.vn");
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        Assert.That(init.Stdout, Does.Contain("created administrator postmaster@truong.edu.vn"));
    }

    [OneTimeTearDown]
    public void Cleanup() => TestFolder.Remove(_root);

    [Test]
    public void Init_WritesConfigCertificateAndOwnerOnlySecrets()
    {
        var data = _cli.DataDirectory;
        Assert.Multiple(() =>
        {
            Assert.That(File.ReadAllText(Path.Combine(data, "mailappliance.json")), Does.Contain("\"PrimaryDomain\": \"truong.edu.vn\""));
            Assert.That(File.ReadAllText(Path.Combine(data, "tls", "cert.pem")), Does.StartWith("-----BEGIN CERTIFICATE-----"));
            Assert.That(File.GetUnixFileMode(Path.Combine(data, "tls", "key.pem")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(File.GetUnixFileMode(Path.Combine(data, "directory", "admin.secret")), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        });
    }

    [Test]
    public async Task Init_IntoAnExistingAppliance_IsRefused()
    {
        var again = await _cli.RunAsync("init", "--domain", Domain, "--admin-password", Password);
        AssertOneLineError(again, "already holds an appliance");
    }

    [Test]
    public async Task Init_WithAWeakPassword_LeavesNoFolderBehind()
    {
        var fresh = new CliRunner(Path.Combine(_root, "weak"), FreePort.Next());
        var result = await fresh.RunAsync("init", "--domain", Domain, "--admin-password", "123");
        AssertOneLineError(result, "too weak");
        Assert.That(System.IO.Directory.Exists(fresh.DataDirectory), Is.False);
    }

    [Test]
    public async Task Commands_OnAFolderWithoutAnAppliance_SayWhatToDo()
    {
        var empty = new CliRunner(Path.Combine(_root, "empty"), FreePort.Next());
        AssertOneLineError(await empty.RunAsync("user", "list"), "run 'init");
    }

    [Test]
    public async Task Commands_RunAsRootOnAnotherUsersFolder_AreRefusedAndWriteNothing()
    {
        Assume.That(Environment.IsPrivilegedProcess, "the refusal is root's; the suite runs as root in CI");
        var owned = new CliRunner(Path.Combine(_root, "owned"), FreePort.Next());
        System.IO.Directory.CreateDirectory(owned.DataDirectory);
        using (var chown = Process.Start("chown", ["65534:65534", owned.DataDirectory])!)
        {
            await chown.WaitForExitAsync();
            Assert.That(chown.ExitCode, Is.Zero);
        }

        var nobody = File.ReadLines("/etc/passwd").Select(l => l.Split(':')).FirstOrDefault(f => f.Length > 2 && f[2] == "65534")?[0] ?? "uid 65534";
        AssertOneLineError(await owned.RunAsync("init", "--domain", Domain, "--admin-password", Password), $"belongs to {nobody}: run mailappliance as that user");
        AssertOneLineError(await owned.RunAsync("user", "list"), "not as root");
        Assert.That(System.IO.Directory.EnumerateFileSystemEntries(owned.DataDirectory), Is.Empty);
    }

    [Test]
    public async Task UserAdd_VietnameseName_IsListedAndShown()
    {
        var add = await _cli.RunAsync("user", "add", "annv@truong.edu.vn", "--name", "Nguyễn Văn An", "--password", Password);
        Assert.That(add.ExitCode, Is.Zero, add.ToString());
        var list = await _cli.RunAsync("user", "list", Domain);
        Assert.That(list.StdoutLines, Does.Contain("annv@truong.edu.vn\tNguyễn Văn An"));
        var show = await _cli.RunAsync("user", "show", "ANNV@truong.edu.vn");
        Assert.That(show.StdoutLines, Does.Contain("name: Nguyễn Văn An"));

        var disable = await _cli.RunAsync("user", "disable", "annv@truong.edu.vn");
        Assert.That(disable.ExitCode, Is.Zero, disable.ToString());
        Assert.That((await _cli.RunAsync("user", "list")).StdoutLines, Does.Contain("annv@truong.edu.vn\tNguyễn Văn An\tdisabled"));
    }

    [TestCase(new[] { "user", "add", "x@not-hosted.vn", "--name", "X", "--password", Password }, "unknown domain not-hosted.vn", 1)]
    [TestCase(new[] { "user", "add", "postmaster@truong.edu.vn", "--name", "X", "--password", Password }, "already exists", 1)]
    [TestCase(new[] { "user", "add", "bad address@truong.edu.vn", "--name", "X", "--password", Password }, "invalid local part", 1)]
    [TestCase(new[] { "user", "add", "weak@truong.edu.vn", "--name", "X", "--password", "abc" }, "too weak", 1)]
    [TestCase(new[] { "user", "add", "noname@truong.edu.vn", "--password", Password }, "--name", 2)]
    [TestCase(new[] { "group", "member", "add", "ghost@truong.edu.vn", "postmaster@truong.edu.vn" }, "unknown group ghost@truong.edu.vn", 1)]
    [TestCase(new[] { "group", "add", "g@truong.edu.vn", "--name", "G", "--policy", "everyone" }, "everyone", 2)]
    [TestCase(new[] { "domain", "remove", "truong.edu.vn" }, "still has accounts or groups", 1)]
    [TestCase(new[] { "user", "delete", "nobody@truong.edu.vn" }, "unknown account nobody@truong.edu.vn", 1)]
    [TestCase(new[] { "frobnicate" }, "frobnicate", 2)]
    public async Task BadInput_PrintsOneLineAndExitsNonZero(string[] args, string message, int exitCode)
    {
        var before = (await _cli.RunAsync("user", "list")).Stdout;
        var result = await _cli.RunAsync(args);
        AssertOneLineError(result, message);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode));
        Assert.That((await _cli.RunAsync("user", "list")).Stdout, Is.EqualTo(before), "nothing half-written");
    }

    [Test]
    public async Task Groups_NestedExternalAndCycle_EndToEnd()
    {
        await Ok("user", "add", "binhtt@truong.edu.vn", "--name", "Trần Thị Bình", "--password", Password);
        await Ok("user", "add", "cuonglv@truong.edu.vn", "--name", "Lê Văn Cường", "--password", Password);
        await Ok("group", "add", "totoan@truong.edu.vn", "--name", "Tổ Toán", "--policy", "members");
        await Ok("group", "add", "giaovien@truong.edu.vn", "--name", "Giáo viên");
        await Ok("group", "member", "add", "totoan@truong.edu.vn", "binhtt@truong.edu.vn");
        await Ok("group", "member", "add", "totoan@truong.edu.vn", "Truongphong@sgd.edu.vn");
        var several = await Ok("group", "member", "add", "giaovien@truong.edu.vn", "totoan@truong.edu.vn", "cuonglv@truong.edu.vn", "binhtt@truong.edu.vn");
        Assert.That(several.StdoutLines, Has.Length.EqualTo(3), "one line per member added");

        var expand = await Ok("group", "expand", "giaovien@truong.edu.vn");
        Assert.That(expand.StdoutLines, Is.EqualTo(new[] { "binhtt@truong.edu.vn", "cuonglv@truong.edu.vn", "truongphong@sgd.edu.vn" }));

        var cycle = await _cli.RunAsync("group", "member", "add", "totoan@truong.edu.vn", "giaovien@truong.edu.vn");
        AssertOneLineError(cycle, "group cycle");

        var show = await Ok("group", "show", "totoan@truong.edu.vn");
        Assert.That(show.StdoutLines, Does.Contain("name: Tổ Toán"));
        Assert.That(show.StdoutLines, Does.Contain("policy: members"));
        Assert.That(show.StdoutLines, Does.Contain("  external\ttruongphong@sgd.edu.vn"));

        await Ok("group", "sender", "add", "totoan@truong.edu.vn", "hieutruong@truong.edu.vn");
        await Ok("alias", "add", "totoan@truong.edu.vn", "toan@truong.edu.vn");
        var shown = await Ok("group", "show", "toan@truong.edu.vn");
        Assert.That(shown.StdoutLines, Does.Contain("allowed senders: hieutruong@truong.edu.vn"));
        Assert.That(shown.StdoutLines, Does.Contain("aliases: toan@truong.edu.vn"));
    }

    [Test]
    public async Task MailboxList_ShowsTheStandardMailboxes()
    {
        var list = await Ok("mailbox", "list", "POSTMASTER@truong.edu.vn");
        Assert.That(list.StdoutLines, Is.EqualTo(new[]
        {
            "INBOX\t-\t0 messages\t0 bytes", "Drafts\t\\Drafts\t0 messages\t0 bytes", "Sent\t\\Sent\t0 messages\t0 bytes",
            "Archive\t\\Archive\t0 messages\t0 bytes", "Junk\t\\Junk\t0 messages\t0 bytes", "Trash\t\\Trash\t0 messages\t0 bytes",
        }));
        AssertOneLineError(await _cli.RunAsync("mailbox", "list", "ghost@truong.edu.vn"), "unknown account ghost@truong.edu.vn");
    }

    [Test]
    public async Task Run_ServesCommandsMeanwhile_AndStopsSlapdOnSigterm()
    {
        using var run = _cli.Start("run");
        var slapdPid = await CliRunner.WaitUntilRunningAsync(run);
        try
        {
            // A command while the appliance runs uses the appliance's slapd instead of starting its own.
            var add = await _cli.RunAsync("user", "add", "running@truong.edu.vn", "--name", "Phạm Thu Hà", "--password", Password);
            Assert.That(add.ExitCode, Is.Zero, add.ToString());
            Assert.That(IsAlive(slapdPid), Is.True);
        }
        finally
        {
            CliRunner.Signal("TERM", run.Id);
        }

        await run.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(30)).Token);
        Assert.That(run.ExitCode, Is.Zero);
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!IsAlive(slapdPid)), TimeSpan.FromSeconds(10)), Is.True, "slapd outlived the appliance");
        Assert.That((await Ok("user", "list")).Stdout, Does.Contain("running@truong.edu.vn"));
    }

    [Test]
    public async Task Run_AcceptsMailOnTheMxPort_IntoTheStore()
    {
        await Ok("user", "add", "mx@truong.edu.vn", "--name", "Đỗ Minh Châu", "--password", Password);
        using var run = _cli.Start("run");
        await CliRunner.WaitUntilRunningAsync(run);
        try
        {
            using var client = new MailKit.Net.Smtp.SmtpClient();
            await client.ConnectAsync("127.0.0.1", _cli.SmtpPort, MailKit.Security.SecureSocketOptions.None);
            var message = new MimeKit.MimeMessage();
            message.From.Add(new MimeKit.MailboxAddress("Sở GD", "vanphong@sgd.example"));
            message.To.Add(new MimeKit.MailboxAddress("Châu", "mx@truong.edu.vn"));
            message.Subject = "Công văn";
            message.Body = new MimeKit.TextPart("plain") { Text = "Kính gửi thầy cô." };
            await client.SendAsync(message);
            await client.DisconnectAsync(true);
        }
        finally
        {
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
        }

        Assert.That((await Ok("mailbox", "list", "mx@truong.edu.vn")).StdoutLines[0], Does.StartWith("INBOX\t-\t1 messages\t"));
    }

    [Test]
    public async Task Run_ServesImapAndPop3_ForMailThatArrivedOverSmtp()
    {
        await Ok("user", "add", "doc@truong.edu.vn", "--name", "Lê Thị Đọc", "--password", Password);
        var (imap, pop3) = (FreePort.Next(), FreePort.Next());
        _cli.Environment["Mail__Imap__Port"] = imap.ToString(CultureInfo.InvariantCulture);
        _cli.Environment["Mail__Pop3__Port"] = pop3.ToString(CultureInfo.InvariantCulture);
        _cli.Environment["Mail__AllowPlaintextAuthOnLoopback"] = "true";
        using var run = _cli.Start("run");
        await CliRunner.WaitUntilRunningAsync(run);
        try
        {
            using (var smtp = new MailKit.Net.Smtp.SmtpClient())
            {
                await smtp.ConnectAsync("127.0.0.1", _cli.SmtpPort, MailKit.Security.SecureSocketOptions.None);
                var message = new MimeKit.MimeMessage();
                message.From.Add(new MimeKit.MailboxAddress("Sở GD", "vanphong@sgd.example"));
                message.To.Add(new MimeKit.MailboxAddress("Đọc", "doc@truong.edu.vn"));
                message.Subject = "Công văn số 5";
                message.Body = new MimeKit.TextPart("plain") { Text = "Kính gửi cô." };
                await smtp.SendAsync(message);
                await smtp.DisconnectAsync(true);
            }

            using (var client = new MailKit.Net.Imap.ImapClient())
            {
                await client.ConnectAsync("127.0.0.1", imap, MailKit.Security.SecureSocketOptions.None);
                await client.AuthenticateAsync("doc@truong.edu.vn", Password);
                await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
                Assert.That(client.Inbox.Count, Is.EqualTo(1));
                Assert.That((await client.Inbox.GetMessageAsync(0)).Subject, Is.EqualTo("Công văn số 5"));
            }

            using var pop = new MailKit.Net.Pop3.Pop3Client();
            await pop.ConnectAsync("127.0.0.1", pop3, MailKit.Security.SecureSocketOptions.None);
            await pop.AuthenticateAsync("doc@truong.edu.vn", Password);
            Assert.That((await pop.GetMessageAsync(0)).Subject, Is.EqualTo("Công văn số 5"));
            await pop.DisconnectAsync(true);
        }
        finally
        {
            _cli.Environment.Clear();
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
        }
    }

    [Test]
    public async Task Run_AfterTheApplianceWasKilled_CleansUpTheStaleSlapd()
    {
        using (var first = _cli.Start("run"))
        {
            var stalePid = await CliRunner.WaitUntilRunningAsync(first);
            first.Kill();
            await first.WaitForExitAsync();
            Assert.That(IsAlive(stalePid), Is.True, "slapd survives a SIGKILL of its parent");

            using var second = _cli.Start("run");
            var freshPid = await CliRunner.WaitUntilRunningAsync(second);
            Assert.That(freshPid, Is.Not.EqualTo(stalePid));
            Assert.That(IsAlive(stalePid), Is.False);
            CliRunner.Signal("TERM", second.Id);
            await second.WaitForExitAsync();
        }

        Assert.That((await Ok("domain", "list")).StdoutLines, Does.Contain(Domain));
    }

    [Test]
    public async Task Run_Twice_OnOneFolder_IsRefused()
    {
        using var run = _cli.Start("run");
        await CliRunner.WaitUntilRunningAsync(run);
        try
        {
            var second = await _cli.RunAsync("run");
            Assert.That(second.ExitCode, Is.Not.Zero);
            Assert.That(second.Stderr, Does.Contain("already running"));
        }
        finally
        {
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
        }
    }

    private static void AssertOneLineError(CliResult result, string message)
    {
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines[0], Does.StartWith("mailappliance: ").And.Contain(message));
        Assert.That(result.Stdout, Is.Empty);
    }

    private static bool IsAlive(int pid) => pid > 0 && File.Exists($"/proc/{pid}/stat")
        && !File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2].Equals("Z", StringComparison.Ordinal);

    private async Task<CliResult> Ok(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }
}
