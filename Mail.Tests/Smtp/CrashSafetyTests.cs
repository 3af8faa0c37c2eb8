using System.Collections.Concurrent;
using Mail.Server.Store;
using Mail.Tests.Fixtures;
using MimeKit;

namespace Mail.Tests.Smtp;

/// <summary>The promise behind every 250: a real appliance process receiving mail from several clients is killed
/// with SIGKILL at a random moment, again and again; after a restart every message that got 250 is in every
/// recipient's INBOX exactly once, and the store holds no half message.</summary>
[NonParallelizable]
internal sealed class CrashSafetyTests
{
    private const string Domain = "crash.edu.vn";
    private const string Password = "Xin-chao-2026!";
    private const int Senders = 4;
    private const int Crashes = 3;
    private string _root = null!;
    private CliRunner _cli = null!;

    [OneTimeSetUp]
    public async Task InitAsync()
    {
        _root = TestFolder.New("crash");
        _cli = new CliRunner(Path.Combine(_root, "data"), FreePort.Next());
        await OkAsync("init", "--domain", Domain, "--admin-password", Password);
        await OkAsync("user", "add", $"annv@{Domain}", "--name", "Nguyễn Văn An", "--password", Password);
        await OkAsync("user", "add", $"binhtt@{Domain}", "--name", "Trần Thị Bình", "--password", Password);
        await OkAsync("group", "add", $"totoan@{Domain}", "--name", "Tổ Toán");
        await OkAsync("group", "member", "add", $"totoan@{Domain}", $"annv@{Domain}");
        await OkAsync("group", "member", "add", $"totoan@{Domain}", $"binhtt@{Domain}");
    }

    [OneTimeTearDown]
    public void Cleanup() => TestFolder.Remove(_root);

    [Test]
    public async Task EveryMessageThatGot250_SurvivesSigkill_ExactlyOnce_AndNoHalfMessageIsLeft()
    {
        var acknowledged = new ConcurrentBag<string>();
        for (var crash = 0; crash < Crashes; crash++)
        {
            using var run = _cli.Start("run");
            await CliRunner.WaitUntilRunningAsync(run);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, Senders).Select(s => SendUntilRefusedAsync($"c{crash}s{s}", acknowledged, stop.Token)).ToArray();

            // Let mail flow, then kill at a moment no one chose: mid-DATA, mid-fsync, mid-index commit.
            await Task.Delay(TimeSpan.FromMilliseconds(700 + Random.Shared.Next(800)));
            run.Kill();
            await run.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        // A last clean start runs the store's crash recovery; then stop it and look at what is on disk.
        using (var last = _cli.Start("run"))
        {
            await CliRunner.WaitUntilRunningAsync(last);
            CliRunner.Signal("TERM", last.Id);
            await last.WaitForExitAsync();
        }

        Assert.That(acknowledged, Has.Count.GreaterThan(Crashes * 10), "enough mail flowed before each kill to mean something");
        var store = new MessageStore(Path.Combine(_cli.DataDirectory, "store"));
        Assert.That(store.Verify(), Is.Empty, "every index row has its body and every reference count matches");
        var referenced = store.Index.BodyReferences().Select(b => b.Hash).ToHashSet(StringComparer.Ordinal);
        Assert.That(store.Bodies.EnumerateHashes().Where(h => !referenced.Contains(h)), Is.Empty, "no body without an index row");
        foreach (var account in new[] { $"annv@{Domain}", $"binhtt@{Domain}" })
        {
            var ids = await MessageIdsAsync(store, account);
            Assert.That(ids.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key), Is.Empty, $"{account}: a message stored twice");
            Assert.That(acknowledged.Except(ids), Is.Empty, $"{account}: a message that got 250 is missing");
            await TestContext.Out.WriteLineAsync($"{account}: {acknowledged.Count} answered 250, {ids.Count} stored");
        }
    }

    /// <summary>Sends messages (to an account and to a group holding it and another) one after another over one
    /// connection until the appliance dies; records the Message-ID of every message answered 250.</summary>
    private async Task SendUntilRefusedAsync(string sender, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        try
        {
            var (smtp, banner) = await SmtpDialog.ConnectAsync(_cli.SmtpPort);
            using var _ = smtp;
            if (!banner.StartsWith("220 ", StringComparison.Ordinal) || !(await smtp.CommandAsync("EHLO crash.test")).StartsWith("250", StringComparison.Ordinal))
            {
                return;
            }

            for (var n = 0; !stop.IsCancellationRequested; n++)
            {
                var id = $"{sender}n{n}@crash.test";
                if (!(await smtp.CommandAsync("MAIL FROM:<gv@sender.example>")).StartsWith("250", StringComparison.Ordinal)
                    || !(await smtp.CommandAsync($"RCPT TO:<annv@{Domain}>")).StartsWith("250", StringComparison.Ordinal)
                    || !(await smtp.CommandAsync($"RCPT TO:<totoan@{Domain}>")).StartsWith("250", StringComparison.Ordinal)
                    || !(await smtp.CommandAsync("DATA")).StartsWith("354", StringComparison.Ordinal))
                {
                    return;
                }

                var text = $"Message-ID: <{id}>\r\nSubject: Thử nghiệm {n}\r\n\r\n" + string.Concat(Enumerable.Repeat("Nội dung kiểm tra an toàn khi sập.\r\n", 100)) + ".\r\n";
                if (!(await smtp.SendAsync(text)).StartsWith("250 ", StringComparison.Ordinal))
                {
                    return;
                }

                acknowledged.Add(id);
            }
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or OperationCanceledException)
        {
            // The appliance was killed under us: whatever was not answered 250 may or may not be there.
        }
    }

    private static async Task<List<string>> MessageIdsAsync(MessageStore store, string account)
    {
        var inbox = store.Index.Mailboxes(account).Single(m => m.Name == "INBOX");
        var ids = new List<string>();
        foreach (var uid in store.Index.Uids(inbox.Id))
        {
            var (hash, _) = store.Index.Message(inbox.Id, uid)!.Value;
            await using var body = File.OpenRead(store.Bodies.PathOf(hash));
            var headers = await HeaderList.LoadAsync(body);
            ids.Add((headers[HeaderId.MessageId] ?? string.Empty).Trim('<', '>', ' '));
        }

        return ids;
    }

    private async Task OkAsync(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }
}
