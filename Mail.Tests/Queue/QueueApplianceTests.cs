using System.Collections.Concurrent;
using Mail.Tests.Fixtures;
using MimeKit;

namespace Mail.Tests.Queue;

/// <summary>The queue inside a real appliance process (real slapd, real sockets): a group's external member gets the
/// mail through the loopback fake DNS and MTA, the CLI lists, shows, retries, deletes and flushes while it runs, a
/// permanent failure there goes back to the outside sender in a DKIM-signed report, and SIGKILL at random moments
/// loses nothing that was answered 250.</summary>
[NonParallelizable]
internal sealed class QueueApplianceTests
{
    private const string Domain = "queue.edu.vn";
    private const string Password = "Xin-chao-2026!";
    private const string External = "truongphong@sgd.example";
    private string _root = null!;
    private CliRunner _cli = null!;
    private FakeDns _dns = null!;
    private FakeMta _mta = null!;

    [OneTimeSetUp]
    public async Task InitAsync()
    {
        _root = TestFolder.New("queue-appliance");
        _cli = new CliRunner(Path.Combine(_root, "data"), FreePort.Next());
        await OkAsync("init", "--domain", Domain, "--admin-password", Password);
        await OkAsync("user", "add", $"annv@{Domain}", "--name", "Nguyễn Văn An", "--password", Password);
        await OkAsync("group", "add", $"bgh@{Domain}", "--name", "Ban giám hiệu");
        await OkAsync("group", "member", "add", $"bgh@{Domain}", $"annv@{Domain}");
        await OkAsync("group", "member", "add", $"bgh@{Domain}", External);
        _dns = FakeDns.Start();
        _dns.Mx("sgd.example", 10, "mx.sgd.example").Address("mx.sgd.example", "127.0.0.1");

        // The outside senders' own server, for the reports that go back to them: the same fake MTA.
        _dns.Mx("sender.example", 10, "mx.sender.example").Address("mx.sender.example", "127.0.0.1");
        _mta = await FakeMta.StartAsync();
        _cli.Environment["Mail__Dns__Server"] = _dns.Server;
        _cli.Environment["Mail__Delivery__Port"] = _mta.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _cli.Environment["Mail__Delivery__TimeoutSeconds"] = "10";
    }

    [OneTimeTearDown]
    public async Task CleanupAsync()
    {
        await _mta.DisposeAsync();
        _dns.Dispose();
        TestFolder.Remove(_root);
    }

    [SetUp]
    public void Reset()
    {
        _mta.OnRecipient = _ => null;
        _mta.Messages.Clear();
    }

    [Test]
    public async Task AGroupsExternalMember_GetsTheMail_AndTheCli_ManagesTheQueueWhileItRuns()
    {
        _mta.OnRecipient = _ => (451, "4.2.1 mailbox busy");
        using var run = _cli.Start("run");
        await CliRunner.WaitUntilRunningAsync(run);
        try
        {
            var id = await SendAsync("Họp giao ban tháng 12");
            Assert.That(await Eventually.TrueAsync(async () => (await _cli.RunAsync("queue", "list")).Stdout.Contains("451 4.2.1 mailbox busy", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30)), Is.True, "the first attempt is deferred and listed");

            var list = await OkAsync("queue", "list");
            Assert.That(list.Stdout, Does.Contain(id).And.Contain($"<gv@sender.example>").And.Contain(External + "  waiting, 1 attempt(s), next attempt "));
            var show = await OkAsync("queue", "show", id);
            Assert.That(show.StdoutLines, Does.Contain($"id: {id}").And.Contain("sender: <gv@sender.example>"));
            Assert.That(show.Stdout, Does.Contain($"recipient: {External}  waiting").And.Contain("Subject: Họp giao ban tháng 12"));
            var stats = await OkAsync("queue", "stats");
            Assert.That(stats.StdoutLines, Does.Contain("messages: 1").And.Contain("domain sgd.example: 1"));

            _mta.OnRecipient = _ => null;
            Assert.That((await OkAsync("queue", "retry", id)).Stdout.Trim(), Is.EqualTo($"{id}: 1 recipient(s) due now"));
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(!_mta.Messages.IsEmpty), TimeSpan.FromSeconds(30)), Is.True, "retried at once");
            var received = _mta.Messages.Single();
            Assert.That(received.Recipients, Is.EqualTo(new[] { External }));

            // Signed once at acceptance as the group's domain; the queue's SMTP client must carry the bytes unchanged.
            var keys = new Mail.Server.Dkim.DkimKeyFolder(Path.Combine(_cli.DataDirectory, "dkim"));
            Assert.That(await Dkimpy.VerifyAsync(received.Data, await Dkimpy.RecordsAsync(keys, Domain)), Is.EqualTo(new[] { true, true }),
                "both signatures verify at the receiving server");
            Assert.That(await Eventually.TrueAsync(async () => (await _cli.RunAsync("queue", "list")).Stdout.Trim() == "the queue is empty", TimeSpan.FromSeconds(30)), Is.True);

            _mta.OnRecipient = _ => (451, "4.2.1 mailbox busy");
            var doomed = await SendAsync("Thư sẽ bị xoá");
            Assert.That(await Eventually.TrueAsync(async () => (await _cli.RunAsync("queue", "show", doomed)).Stdout.Contains("1 attempt(s)", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30)), Is.True);
            Assert.That((await OkAsync("queue", "flush")).Stdout.Trim(), Is.EqualTo("1 recipient(s) due now"));
            Assert.That((await OkAsync("queue", "delete", doomed)).Stdout.Trim(), Is.EqualTo($"deleted {doomed}"));
            Assert.That((await OkAsync("queue", "list")).Stdout.Trim(), Is.EqualTo("the queue is empty"));

            foreach (var bad in new[] { new[] { "queue", "show", "NOSUCHID" }, ["queue", "retry", "NOSUCHID"], ["queue", "delete", "NOSUCHID"] })
            {
                var refused = await _cli.RunAsync(bad);
                Assert.That(refused.ExitCode, Is.Not.Zero, refused.ToString());
                Assert.That(refused.StderrLines, Is.EqualTo(new[] { "mailappliance: no message NOSUCHID in the queue" }));
            }
        }
        finally
        {
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
        }
    }

    [Test]
    public async Task APermanentFailureAtTheReceivingServer_GoesBackToTheOutsideSender_InADkimSignedReport()
    {
        _mta.OnRecipient = address => address == External ? (550, "5.1.1 no such mailbox here") : null;
        using var run = _cli.Start("run");
        await CliRunner.WaitUntilRunningAsync(run);
        try
        {
            await SendAsync("Lịch công tác tuần");
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(_mta.Messages.Any(m => m.Recipients.Contains("gv@sender.example"))), TimeSpan.FromSeconds(30)),
                Is.True, "the report reached the sender's server");
            var report = _mta.Messages.Single(m => m.Recipients.Contains("gv@sender.example"));
            using (var stream = new MemoryStream(report.Data))
            {
                var parsed = await MimeMessage.LoadAsync(stream);
                Assert.That(parsed.Body, Is.InstanceOf<MultipartReport>(), "an RFC 3464 report");
                Assert.That(parsed.From.Mailboxes.Single().Address, Is.EqualTo($"MAILER-DAEMON@mail.{Domain}"));
                Assert.That(parsed.TextBody ?? string.Empty, Does.Contain("5.1.1 no such mailbox here"), "it carries the remote server's reply");
            }

            // The queue made this report, not SMTP: it must be signed as reports made at acceptance are (the host name's
            // parent domain, which has keys).
            var keys = new Mail.Server.Dkim.DkimKeyFolder(Path.Combine(_cli.DataDirectory, "dkim"));
            Assert.That(await Dkimpy.VerifyAsync(report.Data, await Dkimpy.RecordsAsync(keys, Domain)), Is.EqualTo(new[] { true, true }),
                "both signatures of the report verify at the sender's server");
        }
        finally
        {
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
        }
    }

    [Test]
    public async Task MailForOutside_ThatGot250_SurvivesSigkill_AndArrives_AtLeastOnce()
    {
        const int crashes = 3;
        var acknowledged = new ConcurrentBag<string>();
        for (var crash = 0; crash < crashes; crash++)
        {
            using var run = _cli.Start("run");
            await CliRunner.WaitUntilRunningAsync(run);
            using var stop = new CancellationTokenSource();
            var senders = Enumerable.Range(0, 3).Select(s => SendUntilKilled.RunAsync(_cli.SmtpPort, $"c{crash}s{s}", [$"bgh@{Domain}"], acknowledged, stop.Token)).ToArray();

            // Kill while mail is being accepted, spooled and sent out: mid-fsync, mid-transaction, mid-record. The first
            // messages of a fresh process are slow (JIT, key loading), so mail must be flowing before the clock starts.
            var before = acknowledged.Count;
            Assert.That(await Eventually.TrueAsync(() => Task.FromResult(acknowledged.Count >= before + 20), TimeSpan.FromSeconds(30)), Is.True, "mail flows");
            await Task.Delay(TimeSpan.FromMilliseconds(200 + Random.Shared.Next(800)));
            run.Kill();
            await run.WaitForExitAsync();
            await stop.CancelAsync();
            await Task.WhenAll(senders);
        }

        using (var last = _cli.Start("run"))
        {
            await CliRunner.WaitUntilRunningAsync(last);
            // Until everything that was spooled has gone: also the messages whose 250 the kill swallowed.
            var queue = new Mail.Server.Queue.OutboundSpool(Path.Combine(_cli.DataDirectory, "spool")).Database;
            var arrived = await Eventually.TrueAsync(() => Task.FromResult(acknowledged.All(Arrived().Contains) && queue.Statistics().Messages == 0), TimeSpan.FromSeconds(60));
            CliRunner.Signal("TERM", last.Id);
            await last.WaitForExitAsync();
            Assert.That(arrived, Is.True, $"missing at the receiving server: {string.Join(' ', acknowledged.Except(Arrived()).Take(5))}");
        }

        var copies = _mta.Messages.Select(m => MessageId(m.Data)).GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        var duplicates = copies.Values.Sum(n => n - 1);
        await TestContext.Out.WriteLineAsync($"{acknowledged.Count} answered 250, {copies.Count} distinct arrived, {duplicates} duplicate(s) after {crashes} kills");
        Assert.That(acknowledged, Has.Count.GreaterThan(crashes * 10), "enough mail flowed before each kill to mean something");

        // A kill between the receiver's 250 and our record of it sends that message again: at most the messages in
        // flight at each kill (one per connection, five connections per domain).
        Assert.That(duplicates, Is.LessThanOrEqualTo(crashes * 5));
        Assert.That((await OkAsync("queue", "list")).Stdout.Trim(), Is.EqualTo("the queue is empty"));
    }

    private HashSet<string> Arrived() => _mta.Messages.Select(m => MessageId(m.Data)).ToHashSet(StringComparer.Ordinal);

    private static string MessageId(byte[] data)
    {
        using var stream = new MemoryStream(data);
        return (HeaderList.Load(stream)[HeaderId.MessageId] ?? string.Empty).Trim('<', '>', ' ');
    }

    /// <summary>Sends one message to the group over the MX port; returns the queue id from the 250 reply.</summary>
    private async Task<string> SendAsync(string subject)
    {
        var (smtp, _) = await SmtpDialog.ConnectAsync(_cli.SmtpPort);
        using var _ = smtp;
        await smtp.CommandAsync("EHLO sender.example");
        Assert.That(await smtp.CommandAsync("MAIL FROM:<gv@sender.example>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync($"RCPT TO:<bgh@{Domain}>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync("DATA"), Does.StartWith("354"));
        var reply = await smtp.SendAsync($"Message-ID: <{Guid.NewGuid():N}@sender.example>\r\nSubject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKính gửi Ban giám hiệu.\r\n.\r\n");
        Assert.That(reply, Does.StartWith("250 2.0.0 queued as "));
        return reply["250 2.0.0 queued as ".Length..].Trim();
    }

    private async Task<CliResult> OkAsync(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }
}
