using System.Globalization;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Cli;

/// <summary>The CLI pieces the container image relies on: init with the password in a file and a certificate already
/// in the volume, and <c>health</c> against a running and a stopped appliance.</summary>
[NonParallelizable]
internal sealed class ContainerCliTests
{
    private const string Password = "Xin-chao-2026!";
    private string _root = null!;

    [OneTimeSetUp]
    public void CreateRoot() => _root = TestFolder.New("container-cli");

    [OneTimeTearDown]
    public void Cleanup() => TestFolder.Remove(_root);

    [Test]
    public async Task Init_WithAPasswordFile_AndAMountedCertificate_KeepsTheCertificate()
    {
        // What an operator mounts into /data/tls before the first start.
        var mounted = new CliRunner(Path.Combine(_root, "mounted"), FreePort.Next());
        await new CliRunner(Path.Combine(_root, "donor"), FreePort.Next()).RunOkAsync("init", "--domain", "donor.edu.vn", "--admin-password", Password);
        System.IO.Directory.CreateDirectory(Path.Combine(mounted.DataDirectory, "tls"));
        foreach (var file in new[] { "cert.pem", "key.pem" })
        {
            File.Copy(Path.Combine(_root, "donor", "tls", file), Path.Combine(mounted.DataDirectory, "tls", file));
        }

        var certificate = await File.ReadAllTextAsync(Path.Combine(mounted.DataDirectory, "tls", "cert.pem"));
        var passwordFile = Path.Combine(_root, "password");
        await File.WriteAllTextAsync(passwordFile, Password + "\n");

        var init = await mounted.RunOkAsync("init", "--domain", "mounted.edu.vn", "--admin-password-file", passwordFile);
        Assert.That(init.Stdout, Does.Contain("kept the TLS certificate").And.Contain("CN=mail.donor.edu.vn"));
        Assert.That(await File.ReadAllTextAsync(Path.Combine(mounted.DataDirectory, "tls", "cert.pem")), Is.EqualTo(certificate));

        // The password from the file (without its newline) is the administrator's: the IMAP login below proves it.
        var imap = FreePort.Next();
        mounted.Environment["Mail__Imap__Port"] = imap.ToString(CultureInfo.InvariantCulture);
        mounted.Environment["Mail__AllowPlaintextAuthOnLoopback"] = "true";
        using var run = mounted.Start("run");
        await CliRunner.WaitUntilRunningAsync(run);
        try
        {
            using var client = new MailKit.Net.Imap.ImapClient();
            await client.ConnectAsync("127.0.0.1", imap, MailKit.Security.SecureSocketOptions.None);
            await client.AuthenticateAsync("postmaster@mounted.edu.vn", Password);
            Assert.That(client.IsAuthenticated, Is.True);
        }
        finally
        {
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
        }
    }

    [Test]
    public async Task Init_WithABrokenMountedCertificate_SaysSo_AndLeavesItInPlace()
    {
        var cli = new CliRunner(Path.Combine(_root, "broken"), FreePort.Next());
        System.IO.Directory.CreateDirectory(Path.Combine(cli.DataDirectory, "tls"));
        await File.WriteAllTextAsync(Path.Combine(cli.DataDirectory, "tls", "cert.pem"), "not a certificate");
        var init = await cli.RunAsync("init", "--domain", "broken.edu.vn", "--admin-password", Password);
        Assert.That(init.ExitCode, Is.EqualTo(1), init.ToString());
        Assert.That(init.StderrLines, Has.Length.EqualTo(1));
        Assert.That(init.StderrLines[0], Does.StartWith("mailappliance: the TLS certificate").And.Contain("does not load"));
        Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "tls", "cert.pem")), Is.True);
        Assert.That(File.Exists(Path.Combine(cli.DataDirectory, "mailappliance.json")), Is.False);
    }

    [TestCase(new string[0], 2, "--admin-password or --admin-password-file")]
    [TestCase(new[] { "--admin-password", Password, "--admin-password-file", "/etc/hostname" }, 2, "one of them")]
    [TestCase(new[] { "--admin-password-file", "/nonexistent/password" }, 1, "cannot read the password file")]
    public async Task Init_PasswordOptions_AreOneOfTwo(string[] options, int exitCode, string message)
    {
        var cli = new CliRunner(Path.Combine(_root, "options-" + Guid.NewGuid().ToString("N")), FreePort.Next());
        var init = await cli.RunAsync(["init", "--domain", "x.edu.vn", .. options]);
        Assert.That(init.ExitCode, Is.EqualTo(exitCode), init.ToString());
        Assert.That(init.StderrLines, Has.Length.EqualTo(1));
        Assert.That(init.StderrLines[0], Does.StartWith("mailappliance: ").And.Contain(message));
        Assert.That(System.IO.Directory.Exists(cli.DataDirectory), Is.False);
    }

    [Test]
    public async Task Health_GreetsEveryEnabledPort_WhileRunning_AndFailsInOneLineWhenStopped()
    {
        var cli = new CliRunner(Path.Combine(_root, "health"), FreePort.Next());
        await cli.RunOkAsync("init", "--domain", "health.edu.vn", "--admin-password", Password);
        var (imap, imaps, pop3s, admin) = (FreePort.Next(), FreePort.Next(), FreePort.Next(), FreePort.Next());
        cli.Environment["Mail__Admin__Port"] = admin.ToString(CultureInfo.InvariantCulture);
        cli.Environment["Mail__Imap__Port"] = imap.ToString(CultureInfo.InvariantCulture);
        cli.Environment["Mail__ImapTls__Port"] = imaps.ToString(CultureInfo.InvariantCulture);
        cli.Environment["Mail__Pop3Tls__Port"] = pop3s.ToString(CultureInfo.InvariantCulture);
        using (var run = cli.Start("run"))
        {
            await CliRunner.WaitUntilRunningAsync(run);
            try
            {
                var health = await cli.RunOkAsync("health");
                Assert.That(health.StdoutLines[0], Is.EqualTo(string.Create(CultureInfo.InvariantCulture,
                    $"healthy: Smtp:{cli.SmtpPort} Imap:{imap} ImapTls:{imaps} Pop3Tls:{pop3s} Admin:{admin} Directory:{cli.DirectoryPort}")));
            }
            finally
            {
                CliRunner.Signal("TERM", run.Id);
                await run.WaitForExitAsync();
            }
        }

        var stopped = await cli.RunAsync("health");
        Assert.That(stopped.ExitCode, Is.Not.Zero, stopped.ToString());
        Assert.That(stopped.StderrLines, Has.Length.EqualTo(1));
        Assert.That(stopped.StderrLines[0], Does.StartWith("mailappliance: Smtp does not answer"));
    }
}
