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
            var senders = Enumerable.Range(0, Senders).Select(s => SendUntilKilled.RunAsync(_cli.SmtpPort, $"c{crash}s{s}", [$"annv@{Domain}", $"totoan@{Domain}"], acknowledged, stop.Token)).ToArray();

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
        Assert.That(store.Index.Staged.Count(), Is.Zero, "recovery rewrote and dropped the staged copies the kills left");
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

    [Test]
    public async Task MailStagedInTheIndex_HasItsFilesSynced_AndItsCopiesDropped_AtACleanStop()
    {
        var acknowledged = new ConcurrentBag<string>();
        using (var run = _cli.Start("run"))
        {
            await CliRunner.WaitUntilRunningAsync(run);
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await SendUntilKilled.RunAsync(_cli.SmtpPort, "clean", [$"annv@{Domain}"], acknowledged, stop.Token);

            // The running appliance stages mail received over SMTP; its sync comes 35 s later, or at the stop.
            Assert.That(new MessageStore(Path.Combine(_cli.DataDirectory, "store")).Index.Staged.Count(), Is.GreaterThan(0));
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
            Assert.That(run.ExitCode, Is.Zero);
        }

        var store = new MessageStore(Path.Combine(_cli.DataDirectory, "store"));
        Assert.That(store.Index.Staged.Count(), Is.Zero, "the stop synced every staged body");
        Assert.That(store.Verify(), Is.Empty);
        Assert.That(acknowledged.Except(await MessageIdsAsync(store, $"annv@{Domain}")), Is.Empty);
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
