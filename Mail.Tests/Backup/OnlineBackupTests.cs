using System.Globalization;
using Mail.Tests.Fixtures;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using MimeKit;

namespace Mail.Tests.Backup;

/// <summary>Backups taken while the appliance delivers and expunges mail: each one restores into a store that verify
/// finds sound (no row without its body, no wrong reference count), whatever the interleaving was.</summary>
[NonParallelizable]
internal sealed class OnlineBackupTests
{
    private const string Domain = "online.edu.vn";
    private const string Password = "Xin-chao-2026!";
    private string _root = null!;

    [SetUp]
    public void CreateRoot() => _root = TestFolder.New("online-backup");

    [TearDown]
    public void Cleanup() => TestFolder.Remove(_root);

    [Test]
    public async Task Backups_TakenWhileMailIsDeliveredAndExpunged_RestoreIntoASoundStore()
    {
        var cli = new CliRunner(Path.Combine(_root, "data"), FreePort.Next());
        await cli.RunOkAsync("init", "--domain", Domain, "--admin-password", Password);
        await cli.RunOkAsync("user", "add", $"annv@{Domain}", "--name", "Nguyễn Văn An", "--password", Password);
        var imap = FreePort.Next();
        cli.Environment["Mail__Imap__Port"] = imap.ToString(CultureInfo.InvariantCulture);
        cli.Environment["Mail__AllowPlaintextAuthOnLoopback"] = "true";
        using var run = cli.Start("run");
        await CliRunner.WaitUntilRunningAsync(run);
        using var stop = new CancellationTokenSource();
        var rounds = 0;
        var churn = Task.Run(async () =>
        {
            using var smtp = new MailKit.Net.Smtp.SmtpClient();
            await smtp.ConnectAsync("127.0.0.1", cli.SmtpPort, SecureSocketOptions.None);
            using var client = new ImapClient();
            await client.ConnectAsync("127.0.0.1", imap, SecureSocketOptions.None);
            await client.AuthenticateAsync($"annv@{Domain}", Password);
            // Bounded: at most 2,000 rounds even if the backups below never finished.
            while (!stop.IsCancellationRequested && rounds < 2_000)
            {
                for (var i = 0; i < 3; i++)
                {
                    var message = new MimeMessage();
                    message.From.Add(MailboxAddress.Parse("vanphong@sgd.example"));
                    message.To.Add(MailboxAddress.Parse($"annv@{Domain}"));
                    message.Subject = string.Create(CultureInfo.InvariantCulture, $"Vòng {rounds} thư {i}");
                    message.Body = new TextPart("plain") { Text = string.Create(CultureInfo.InvariantCulture, $"Nội dung {rounds}-{i}") };
                    await smtp.SendAsync(message);
                }

                // Expunge all but the newest message: bodies are released while the backups run.
                await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
                var uids = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);
                if (uids.Count > 1)
                {
                    await client.Inbox.AddFlagsAsync(uids.Take(uids.Count - 1).ToList(), MessageFlags.Deleted, true);
                    await client.Inbox.ExpungeAsync();
                }

                Interlocked.Increment(ref rounds);
            }

            await smtp.DisconnectAsync(true);
            await client.DisconnectAsync(true);
        });

        try
        {
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref rounds) >= 2), TimeSpan.FromSeconds(60)), Is.True, "mail flows");
            var before = Volatile.Read(ref rounds);
            var backups = new List<string>();
            for (var i = 0; i < 3; i++)
            {
                var file = Path.Combine(_root, string.Create(CultureInfo.InvariantCulture, $"online-{i}.tar.gz"));
                await cli.RunOkAsync("backup", "--to", file);
                backups.Add(file);
            }

            var during = Volatile.Read(ref rounds) - before;
            await stop.CancelAsync();
            await churn;
            Assume.That(during, Is.GreaterThan(0), "the backups ran while mail was delivered and expunged");

            foreach (var file in backups)
            {
                var restored = new CliRunner(Path.Combine(_root, Path.GetFileNameWithoutExtension(file)), FreePort.Next());
                await restored.RunOkAsync("restore", "--from", file);
                var verify = await restored.RunOkAsync("verify");
                Assert.That(verify.Stdout, Does.Contain("\n0 problems"), verify.ToString());
            }

            // And the live store is still sound after all that.
            Assert.That((await cli.RunOkAsync("verify")).Stdout, Does.Contain("\n0 problems"));
        }
        finally
        {
            await stop.CancelAsync();
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
        }
    }
}
