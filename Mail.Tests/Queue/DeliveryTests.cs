using System.Net;
using System.Net.Sockets;
using System.Text;
using Mail.Server.Dns;
using Mail.Server.Hosting;
using Mail.Server.Queue;
using Mail.Server.Store;
using Mail.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Mail.Tests.Queue;

/// <summary>The outbound queue against a loopback DNS server with fake zones and loopback receiving servers that
/// accept, tempfail, reject or hang: routing, transactions, retries, reports to the sender.</summary>
internal sealed class DeliveryTests : DirectoryTestBase
{
    private const string Hostname = "mail.test.edu.vn";
    private string _root = null!;
    private ManualTime _time = null!;
    private MessageStore _store = null!;
    private OutboundSpool _spool = null!;
    private FakeDns _dns = null!;
    private FakeMta _mta = null!;
    private DeliveryOptions _options = null!;
    private DeliveryJournal _journal = null!;

    [SetUp]
    public async Task StartAsync()
    {
        await AddUserAsync("annv");
        _journal = new DeliveryJournal();
        _root = TestFolder.New("queue");
        _time = new ManualTime();
        _time.Advance(TimeSpan.FromDays(20_000));
        _store = new MessageStore(Path.Combine(_root, "store"));
        _spool = new OutboundSpool(Path.Combine(_root, "spool"), _time);
        _dns = FakeDns.Start();
        _mta = await FakeMta.StartAsync();
        _options = new DeliveryOptions { Port = _mta.Port, TimeoutSeconds = 3, ConnectTimeoutSeconds = 3, ConnectionCacheSeconds = 0 };
    }

    [TearDown]
    public async Task StopAsync()
    {
        await _mta.DisposeAsync();
        _dns.Dispose();
        TestFolder.Remove(_root);
    }

    [Test]
    public async Task OneTransactionPerDomain_CarriesAllItsRecipients_AndTheQueueEmpties()
    {
        _dns.Mx("truong-a.example", 10, "mx.truong-a.example").Address("mx.truong-a.example", "127.0.0.1");
        _dns.Mx("so-gd.example", 10, "mx.so-gd.example").Address("mx.so-gd.example", "127.0.0.1");
        var id = await EnqueueAsync(A("annv"), "gv1@truong-a.example", "gv2@truong-a.example", "gv3@truong-a.example", "vanthu@so-gd.example");

        await DeliverAsync();

        var received = _mta.Messages.ToList();
        Assert.That(received, Has.Count.EqualTo(2), "one transaction per destination domain");
        Assert.That(received.Select(m => string.Join(' ', m.Recipients.Order())),
            Is.EquivalentTo(new[] { "gv1@truong-a.example gv2@truong-a.example gv3@truong-a.example", "vanthu@so-gd.example" }));
        Assert.That(received.All(m => m.Sender == A("annv")), Is.True);
        Assert.That(Encoding.UTF8.GetString(received[0].Data), Does.Contain("Kính gửi các thầy cô"), "the body arrives as stored");
        Assert.That(_spool.Database.Find(id), Is.Null, "delivered to all: gone from the queue");
        Assert.That(_spool.Pending(), Is.Empty);
    }

    [Test]
    public async Task MxPreference_IsFollowed_OverIPv6AndIPv4()
    {
        _dns.Address("v6.mx.example", "::1").Address("v4.mx.example", "127.0.0.1");
        _dns.Mx("prefers-v6.example", 10, "v6.mx.example").Mx("prefers-v6.example", 20, "v4.mx.example");
        _dns.Mx("prefers-v4.example", 20, "v6.mx.example").Mx("prefers-v4.example", 10, "v4.mx.example");
        await EnqueueAsync(A("annv"), "a@prefers-v6.example");
        await EnqueueAsync(A("annv"), "b@prefers-v4.example");

        await DeliverAsync();

        var reached = _mta.Messages.ToDictionary(m => m.Recipients[0], m => m.ReachedAt);
        Assert.That(reached["a@prefers-v6.example"], Is.EqualTo(IPAddress.IPv6Loopback), "the lowest preference first, over IPv6");
        Assert.That(reached["b@prefers-v4.example"], Is.EqualTo(IPAddress.Loopback), "the lowest preference first, over IPv4");
    }

    [Test]
    public async Task AnMxThatRefusesConnections_IsSkipped_ForTheNext_AndNoMx_MeansTheDomainsAddress()
    {
        // 127.0.0.2 is loopback too, but nothing listens there: the connection is refused at once.
        _dns.Mx("two-mx.example", 10, "dead.two-mx.example").Address("dead.two-mx.example", "127.0.0.2");
        _dns.Mx("two-mx.example", 20, "live.two-mx.example").Address("live.two-mx.example", "127.0.0.1");
        _dns.Address("no-mx.example", "127.0.0.1");
        await EnqueueAsync(A("annv"), "a@two-mx.example", "b@no-mx.example");

        await DeliverAsync();

        Assert.That(_mta.Messages.SelectMany(m => m.Recipients), Is.EquivalentTo(new[] { "a@two-mx.example", "b@no-mx.example" }));
        Assert.That(_spool.Database.List(), Is.Empty);
    }

    [Test]
    public async Task NullMx_AndADomainThatDoesNotExist_AreReturnedAtOnce_InReports()
    {
        _dns.NullMx("nomail.example");
        var id = await EnqueueAsync(A("annv"), "a@nomail.example", "b@missing.example");

        await DeliverAsync();

        Assert.That(_mta.Messages, Is.Empty);
        Assert.That(_spool.Database.Find(id), Is.Null);
        var statuses = Reports(A("annv")).SelectMany(StatusGroups).Where(g => g.Contains("Final-Recipient")).ToDictionary(g => g["Final-Recipient"]!, g => g);
        Assert.That(statuses["rfc822; a@nomail.example"]["Status"], Is.EqualTo("5.1.10"));
        Assert.That(statuses["rfc822; a@nomail.example"]["Action"], Is.EqualTo("failed"));
        Assert.That(statuses["rfc822; b@missing.example"]["Status"], Is.EqualTo("5.1.2"));
    }

    [Test]
    public async Task DnsTrouble_Defers_WithoutAReport()
    {
        _dns.Fail("broken-dns.example");
        var id = await EnqueueAsync(A("annv"), "a@broken-dns.example");

        await DeliverAsync();

        var recipient = _spool.Database.Find(id)!.Recipients.Single();
        Assert.That((recipient.State, recipient.Attempts), Is.EqualTo((RecipientState.Pending, 1)));
        Assert.That(recipient.LastReply, Does.StartWith("451 4.4.3"));
        Assert.That(recipient.NextAttempt, Is.EqualTo(_time.GetUtcNow() + TimeSpan.FromMinutes(5)), "the first wait of the schedule");
        Assert.That(Reports(A("annv")), Is.Empty);
    }

    [Test]
    public async Task ATemporaryRefusal_IsRetriedOnTheSchedule_ThenDelivered()
    {
        _dns.Mx("busy.example", 10, "mx.busy.example").Address("mx.busy.example", "127.0.0.1");
        var busy = true;
        _mta.OnRecipient = r => busy ? (451, "4.2.1 mailbox busy, try later") : null;
        var id = await EnqueueAsync(A("annv"), "a@busy.example");

        await DeliverAsync();
        Assert.That(_spool.Database.Find(id)!.Recipients.Single().LastReply, Does.StartWith("451 4.2.1 mailbox busy"));

        busy = false;
        _time.Advance(TimeSpan.FromMinutes(4));
        await DeliverAsync();
        Assert.That(_mta.Messages, Is.Empty, "not due before the 5 minutes are up");

        _time.Advance(TimeSpan.FromMinutes(1));
        await DeliverAsync();
        Assert.That(_mta.Messages.Single().Recipients, Is.EqualTo(new[] { "a@busy.example" }));
        Assert.That(_spool.Database.Find(id), Is.Null);
    }

    [Test]
    public async Task TheRunningQueue_SendsNewMailAtOnce_AndPicksUpRetriesWhenTheyFallDue()
    {
        _dns.Mx("busy.example", 10, "mx.busy.example").Address("mx.busy.example", "127.0.0.1");
        var busy = true;
        _mta.OnRecipient = r => busy && r.StartsWith('a') ? (451, "4.2.1 mailbox busy") : null;
        var resolver = ResolverFactory.Create(new DnsOptions { Server = _dns.Server, TimeoutSeconds = 1 });
        using var runner = new QueueRunner(_spool, new MxRouter(resolver, _options), new Mail.Server.Queue.BounceSender(Dir, _store, _spool, Hostname, _time),
            _options, Hostname, NullLogger.Instance);
        using var stop = new CancellationTokenSource();
        var running = runner.RunAsync(stop.Token);

        var deferred = await EnqueueAsync(A("annv"), "a@busy.example");
        await EnqueueAsync(A("annv"), "b@busy.example");
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(_mta.Messages.Count == 1 && _spool.Database.Find(deferred)?.Recipients.Single().Attempts == 1),
            TimeSpan.FromSeconds(20)), Is.True, "new mail goes without waiting for a poll; the busy one is deferred");

        // The queue's clock moves on; the once-a-second look at the database finds the retry due.
        busy = false;
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.That(await Eventually.TrueAsync(() => Task.FromResult(_spool.Database.Find(deferred) is null), TimeSpan.FromSeconds(20)), Is.True);
        Assert.That(_mta.Messages.SelectMany(m => m.Recipients).Order(), Is.EqualTo(new[] { "a@busy.example", "b@busy.example" }));

        await stop.CancelAsync();
        Assert.That(async () => await running, Throws.InstanceOf<OperationCanceledException>());
    }

    [Test]
    public async Task APermanentRefusal_ReturnsThatRecipientOnly_WithTheRemoteReply_InAWellFormedReport()
    {
        _dns.Mx("truong-b.example", 10, "mx.truong-b.example").Address("mx.truong-b.example", "127.0.0.1");
        _mta.OnRecipient = r => r.StartsWith("old", StringComparison.Ordinal) ? (550, "5.1.1 no such user here") : null;
        await EnqueueAsync(A("annv"), "old@truong-b.example", "new@truong-b.example");

        await DeliverAsync();

        Assert.That(_mta.Messages.Single().Recipients, Is.EqualTo(new[] { "new@truong-b.example" }));
        var report = Reports(A("annv")).Single();
        Assert.That(report.From.Mailboxes.Single().Address, Is.EqualTo("MAILER-DAEMON@" + Hostname));
        Assert.That(report.Body!.ContentType.MimeType, Is.EqualTo("multipart/report"));
        Assert.That(report.Body.ContentType.Parameters["report-type"], Is.EqualTo("delivery-status"));
        var parts = ((Multipart)report.Body).ToList();
        Assert.That(parts.Select(p => p.ContentType.MimeType), Is.EqualTo(new[] { "text/plain", "message/delivery-status", "text/rfc822-headers" }));
        Assert.That(((TextPart)parts[0]).Text, Does.Contain("Thư của bạn không chuyển được").And.Contain("could not be delivered"));
        var groups = StatusGroups(report).ToList();
        Assert.That(groups[0]["Reporting-MTA"], Is.EqualTo("dns; " + Hostname));
        var recipient = groups.Single(g => g.Contains("Final-Recipient"));
        Assert.That(recipient["Final-Recipient"], Is.EqualTo("rfc822; old@truong-b.example"));
        Assert.That(recipient["Status"], Is.EqualTo("5.1.1"));
        Assert.That(recipient["Remote-MTA"], Is.EqualTo("dns; mx.truong-b.example"));
        var journal = _journal.Recent(10);
        Assert.That(journal.Select(e => (e.Recipient, e.Kind)), Is.EquivalentTo(new[]
        {
            ("old@truong-b.example", JournalEventKind.Failed), ("new@truong-b.example", JournalEventKind.Delivered),
        }), "the dashboard's recent events");
        Assert.That(journal.Single(e => e.Kind == JournalEventKind.Failed).Detail, Does.Contain("550 5.1.1 no such user here"));
        Assert.That(recipient["Diagnostic-Code"], Does.StartWith("smtp; 550 5.1.1 no such user here"));
        Assert.That(((TextRfc822Headers)parts[2]).Message?.Subject, Is.EqualTo("Họp tổ chuyên môn"), "the original's header comes back");
    }

    [Test]
    public async Task AVietnameseMailbox_ForAServerWithoutSmtpUtf8_IsReturnedAtOnce_TheOthersGo()
    {
        await using var older = await FakeMta.StartAsync(smtpUtf8: false);
        _options.Port = older.Port;
        _dns.Mx("truong-e.example", 10, "mx.truong-e.example").Address("mx.truong-e.example", "127.0.0.1");
        await EnqueueAsync(A("annv"), "thầy.giáo@truong-e.example", "thay.giao@truong-e.example");

        await DeliverAsync();

        Assert.That(older.Messages.Single().Recipients, Is.EqualTo(new[] { "thay.giao@truong-e.example" }));
        var recipient = RecipientGroup(Reports(A("annv")).Single());
        Assert.That(recipient["Final-Recipient"], Is.EqualTo("rfc822; thầy.giáo@truong-e.example"));
        Assert.That(recipient["Status"], Is.EqualTo("5.6.7"));
        Assert.That(_spool.Database.List(), Is.Empty);
    }

    [Test]
    public async Task AMessageRefusedAfterData_FailsForAllItsRecipients()
    {
        _dns.Mx("strict.example", 10, "mx.strict.example").Address("mx.strict.example", "127.0.0.1");
        _mta.OnData = _ => (554, "5.7.1 message refused by policy");
        await EnqueueAsync(A("annv"), "a@strict.example", "b@strict.example");

        await DeliverAsync();

        var statuses = Reports(A("annv")).SelectMany(StatusGroups).Where(g => g.Contains("Final-Recipient")).ToList();
        Assert.That(statuses.Select(g => g["Final-Recipient"]), Is.EquivalentTo(new[] { "rfc822; a@strict.example", "rfc822; b@strict.example" }));
        Assert.That(statuses.All(g => g["Status"] == "5.7.1"), Is.True);
        Assert.That(_spool.Database.List(), Is.Empty);
    }

    [Test]
    public async Task AfterFourHours_TheSenderIsToldOnce_AndAfterTheLifetime_TheMessageComesBack()
    {
        _dns.Mx("slow.example", 10, "mx.slow.example").Address("mx.slow.example", "127.0.0.1");
        _mta.OnRecipient = _ => (451, "4.3.0 try again later");
        var id = await EnqueueAsync(A("annv"), "a@slow.example");

        var waits = 0;
        while (_spool.Database.Find(id) is { } queued)
        {
            _time.Advance(queued.Recipients.Single().NextAttempt - _time.GetUtcNow());
            await DeliverAsync();
            Assert.That(++waits, Is.LessThan(60), "the queue gives up in the end");
        }

        var reports = Reports(A("annv"));
        Assert.That(reports.Select(r => RecipientGroup(r)["Action"]), Is.EqualTo(new[] { "delayed", "failed" }), "one delay notice, then the failure");
        Assert.That(reports[0].Subject, Does.Contain("Delayed Mail"));
        Assert.That(RecipientGroup(reports[1])["Status"], Is.EqualTo("4.3.0"));
        Assert.That(_mta.Messages, Is.Empty);
        Assert.That(_time.GetUtcNow() - DateTimeOffset.UnixEpoch - TimeSpan.FromDays(20_000), Is.EqualTo(TimeSpan.FromHours(120)), "given up exactly at the 5-day lifetime");
    }

    [Test]
    public async Task TheNullSender_IsNeverReturned()
    {
        _dns.NullMx("nomail.example");
        await EnqueueAsync(string.Empty, "a@nomail.example");

        await DeliverAsync();

        Assert.That(_spool.Database.List(), Is.Empty, "given up");
        Assert.That(Reports(A("annv")), Is.Empty);
        Assert.That(_spool.Pending(), Is.Empty, "and no report went out either");
    }

    [Test]
    public async Task AMessageThatCannotBeSent_WaitsByTheSchedule_InsteadOfStoppingTheQueue()
    {
        _dns.Mx("truong-d.example", 10, "mx.truong-d.example").Address("mx.truong-d.example", "127.0.0.1");
        var broken = await _spool.EnqueueAsync(A("annv"), ["a@truong-d.example"], ReadOnlyMemory<byte>.Empty, None);
        await EnqueueAsync(A("annv"), "b@truong-d.example");

        await DeliverAsync();

        var recipient = _spool.Database.Find(broken)!.Recipients.Single();
        Assert.That((recipient.State, recipient.Attempts), Is.EqualTo((RecipientState.Pending, 1)));
        Assert.That(recipient.LastReply, Does.StartWith("451 4.3.0 local error while sending"));
        Assert.That(recipient.NextAttempt, Is.EqualTo(_time.GetUtcNow() + TimeSpan.FromMinutes(5)));
        Assert.That(_mta.Messages.Single().Recipients, Is.EqualTo(new[] { "b@truong-d.example" }), "the next message still goes");
    }

    [Test]
    public async Task AServerThatNeverAnswers_TimesOut_AndTheMessageWaits()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        _options.Port = ((IPEndPoint)silent.LocalEndpoint).Port;
        _options.TimeoutSeconds = 1;
        _dns.Mx("hang.example", 10, "mx.hang.example").Address("mx.hang.example", "127.0.0.1");
        var id = await EnqueueAsync(A("annv"), "a@hang.example");

        await DeliverAsync();

        var recipient = _spool.Database.Find(id)!.Recipients.Single();
        Assert.That((recipient.State, recipient.Attempts), Is.EqualTo((RecipientState.Pending, 1)));
        Assert.That(recipient.LastReply, Does.StartWith("451 4.4.1"));
    }

    [Test]
    public async Task StartTls_IsUsed_WhenOffered_AndARelay_TakesEverything_WithItsLogin()
    {
        using var certificate = TestCertificate.Create();
        await using var relay = await FakeMta.StartAsync(certificate);
        relay.RequiredLogin = ("appliance", "Relay-secret-2026");
        _options.Relay = $"127.0.0.1:{relay.Port}";
        _options.RelayUser = "appliance";
        _options.RelayPassword = "Relay-secret-2026";
        await EnqueueAsync(A("annv"), "a@anywhere.example", "b@elsewhere.example");

        await DeliverAsync();

        var received = relay.Messages.ToList();
        Assert.That(received.SelectMany(m => m.Recipients), Is.EquivalentTo(new[] { "a@anywhere.example", "b@elsewhere.example" }));
        Assert.That(received.All(m => m.Secure && m.User == "appliance"), Is.True, "STARTTLS, then AUTH");
        Assert.That(_mta.Messages, Is.Empty);
    }

    [Test]
    public async Task AMessageDeletedMeanwhile_IsSkipped_AndRecovery_RequeuesAFileWithoutRows_AndRemovesAFinishedOne()
    {
        _dns.Mx("truong-c.example", 10, "mx.truong-c.example").Address("mx.truong-c.example", "127.0.0.1");
        var deleted = await EnqueueAsync(A("annv"), "a@truong-c.example");
        Assert.That(_spool.Delete(deleted), Is.True);

        // A crash between the fsynced file and its rows: the file alone must be enough.
        var orphan = await EnqueueAsync(A("annv"), "b@truong-c.example");
        _spool.Database.Remove(orphan);

        // A crash between recording the last delivery and removing the message: recovery removes it.
        var finished = await EnqueueAsync(A("annv"), "c@truong-c.example");
        _spool.Database.Record(finished, [new RecipientOutcome("c@truong-c.example", OutcomeKind.Delivered, new Mail.Server.Smtp.SmtpReply(250, "2.0.0", "ok"), null)], _time.GetUtcNow());
        var reopened = new OutboundSpool(_spool.Folder, _time);
        Assert.That(reopened.Recover(), Is.EqualTo(new RecoveryReport(1, 0)));
        Assert.That(reopened.Database.Find(finished), Is.Null);
        Assert.That(File.Exists(reopened.PathOf(finished)), Is.False);
        _spool = reopened;

        await DeliverAsync();

        Assert.That(_mta.Messages.SelectMany(m => m.Recipients), Is.EqualTo(new[] { "b@truong-c.example" }));
        Assert.That(_spool.Pending(), Is.Empty);
    }

    private static IEnumerable<HeaderList> StatusGroups(MimeMessage report) =>
        report.BodyParts.OfType<MessageDeliveryStatus>().Single().StatusGroups;

    private static HeaderList RecipientGroup(MimeMessage report) => StatusGroups(report).Single(g => g.Contains("Final-Recipient"));

    private async Task<string> EnqueueAsync(string sender, params string[] recipients)
    {
        var message = $"""
            From: {A("annv")}
            To: {string.Join(", ", recipients)}
            Subject: =?UTF-8?B?{Convert.ToBase64String(Encoding.UTF8.GetBytes("Họp tổ chuyên môn"))}?=
            Message-ID: <{Guid.NewGuid():N}@test.edu.vn>
            MIME-Version: 1.0
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Kính gửi các thầy cô,
            Họp tổ lúc 14 giờ.

            """.ReplaceLineEndings("\r\n");
        return await _spool.EnqueueAsync(sender, recipients, Encoding.UTF8.GetBytes(message), None);
    }

    private async Task DeliverAsync()
    {
        var resolver = ResolverFactory.Create(new DnsOptions { Server = _dns.Server, TimeoutSeconds = 1 });
        using var runner = new QueueRunner(_spool, new MxRouter(resolver, _options), new Mail.Server.Queue.BounceSender(Dir, _store, _spool, Hostname, _time),
            _options, Hostname, NullLogger.Instance, _journal);
        await runner.DeliverDueAsync(None);
    }

    /// <summary>The reports in an account's INBOX, oldest first.</summary>
    private List<MimeMessage> Reports(string account)
    {
        _store.Index.EnsureAccount(account);
        var inbox = _store.Index.Mailboxes(account).Single(m => m.Name == "INBOX");
        var reports = new List<MimeMessage>();
        for (long uid = 1; uid < inbox.UidNext; uid++)
        {
            if (_store.Index.Message(inbox.Id, uid) is { } stored)
            {
                reports.Add(MimeMessage.Load(_store.Bodies.PathOf(stored.Hash)));
            }
        }

        return reports;
    }
}
