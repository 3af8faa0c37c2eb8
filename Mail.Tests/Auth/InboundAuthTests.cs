using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mail.Server.Auth;
using Mail.Server.Dns;
using Mail.Server.Hosting;
using Mail.Server.Queue;
using Mail.Server.Security;
using Mail.Server.Smtp;
using Mail.Server.Store;
using Mail.Tests.Fixtures;
using MimeKit;

namespace Mail.Tests.Auth;

/// <summary>SPF, DKIM and DMARC on the MX port: our SMTP server on real sockets, a real slapd, the real store and a
/// loopback DNS server publishing the senders' records. The client is always 127.0.0.1.</summary>
internal sealed class InboundAuthTests : DirectoryTestBase
{
    private const string Hostname = "mail.test.edu.vn";
    private readonly List<RunningSmtpServer> _servers = [];
    private readonly List<FakeDns> _dnsExtra = [];
    private string _root = null!;
    private MessageStore _store = null!;
    private OutboundSpool _spool = null!;
    private readonly DeliveryJournal _journal = new();
    private FakeDns _dns = null!;
    private SignedMessage _signed = null!;
    private X509Certificate2 _certificate = null!;
    private int _mx;
    private int _submission;

    [SetUp]
    public async Task StartAsync()
    {
        await AddUserAsync("annv");
        _root = Path.Combine(Path.GetTempPath(), "mailappliance-tests", "auth-" + Guid.NewGuid().ToString("N"));
        _store = new MessageStore(Path.Combine(_root, "store"));
        _spool = new OutboundSpool(Path.Combine(_root, "spool"));
        _dns = FakeDns.Start();
        _signed = new SignedMessage();
        _certificate = TestCertificate.Create();
        (_mx, _submission) = await StartServerAsync(_ => { });
    }

    [TearDown]
    public async Task StopAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _servers.Clear();
        foreach (var dns in _dnsExtra)
        {
            dns.Dispose();
        }

        _dnsExtra.Clear();
        _dns.Dispose();
        _signed.Dispose();
        _certificate.Dispose();
        System.IO.Directory.Delete(_root, recursive: true);
    }

    [TestCase("v=spf1 ip4:127.0.0.1 -all", "spf=pass")]
    [TestCase("v=spf1 ip4:192.0.2.1 -all", "spf=fail")]
    [TestCase("v=spf1 ip4:192.0.2.1 ~all", "spf=softfail")]
    [TestCase("v=spf1 ?all", "spf=neutral")]
    [TestCase(null, "spf=none")]
    [TestCase("SERVFAIL", "spf=temperror")]
    public async Task Spf_Result_IsStamped_AndTheMessageDelivered(string? record, string expected)
    {
        if (record == "SERVFAIL")
        {
            _dns.Fail("a.example");
        }
        else if (record is not null)
        {
            _dns.Txt("a.example", record);
        }

        Assert.That(await SendAsync("gv@a.example", _signed.Build("gv@a.example", A("annv"), null)), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("INBOX"), Is.EqualTo(
            $"Authentication-Results: {Hostname};\r\n\t{expected} smtp.mailfrom=a.example;\r\n\tdkim=none;\r\n\tdmarc=none header.from=a.example\r\n"));
    }

    [Test]
    public async Task Spf_NullSender_ChecksTheHeloName()
    {
        _dns.Txt("relay.a.example", "v=spf1 ip4:127.0.0.1 -all");
        Assert.That(await SendAsync(string.Empty, _signed.Build("gv@a.example", A("annv"), null), helo: "relay.a.example"), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("INBOX"), Does.Contain("\tspf=pass smtp.helo=relay.a.example;"));
    }

    [Test]
    public async Task Dkim_SignedVietnameseMessage_Passes_AndDmarcPassesOnDkimAlone()
    {
        _dns.Txt("a.example", "v=spf1 ip4:192.0.2.1 -all").Txt("s1._domainkey.a.example", _signed.KeyRecord).Txt("_dmarc.a.example", "v=DMARC1; p=reject");
        var message = _signed.Build("gv@a.example", A("annv"), "a.example");

        Assert.That(await SendAsync("gv@a.example", message), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("INBOX"), Is.EqualTo(
            $"Authentication-Results: {Hostname};\r\n\tspf=fail smtp.mailfrom=a.example;\r\n\tdkim=pass header.d=a.example header.s=s1 header.a=rsa-sha256;\r\n"
            + "\tdmarc=pass (p=reject) header.from=a.example\r\n"));
        Assert.That(await StoredTextAsync("INBOX"), Does.EndWith(message), "the received bytes follow our headers unchanged");
    }

    [Test]
    public async Task Dkim_TamperedBody_Fails_AndDmarcReject_RefusesWith550()
    {
        _dns.Txt("a.example", "v=spf1 ip4:192.0.2.1 -all").Txt("s1._domainkey.a.example", _signed.KeyRecord).Txt("_dmarc.a.example", "v=DMARC1; p=reject");
        var tampered = _signed.Build("gv@a.example", A("annv"), "a.example").Replace("14 giờ", "16 giờ", StringComparison.Ordinal);

        Assert.That(await SendAsync("gv@a.example", tampered), Does.StartWith("550 5.7.1"));
        Assert.That(_store.Index.Mailboxes(A("annv")), Is.Empty, "nothing stored");
        var refused = _journal.Recent(1).Single();
        Assert.That((refused.Kind, refused.Sender, refused.Recipient), Is.EqualTo((JournalEventKind.Refused, "gv@a.example", A("annv"))));
        Assert.That(refused.Detail, Is.EqualTo("550 5.7.1 rejected by the DMARC policy of a.example"));
    }

    [Test]
    public async Task Dkim_TamperedBody_IsReportedAsFail()
    {
        _dns.Txt("s1._domainkey.a.example", _signed.KeyRecord).Txt("_dmarc.a.example", "v=DMARC1; p=none");
        var tampered = _signed.Build("gv@a.example", A("annv"), "a.example").Replace("14 giờ", "16 giờ", StringComparison.Ordinal);

        var reply = await SendAsync("gv@a.example", tampered);
        Assert.That(reply, Does.StartWith("250"));
        var accepted = _journal.Recent(1).Single();
        Assert.That((accepted.Kind, accepted.Recipient, accepted.Detail), Is.EqualTo((JournalEventKind.Accepted, A("annv"), "1 local mailbox(es)")));
        Assert.That(reply, Does.Contain(accepted.QueueId), "the journal names the id the sender was told");
        Assert.That(await StoredResultsAsync("INBOX"), Is.EqualTo(
            $"Authentication-Results: {Hostname};\r\n\tspf=none smtp.mailfrom=a.example;\r\n\tdkim=fail header.d=a.example header.s=s1 header.a=rsa-sha256;\r\n"
            + "\tdmarc=fail (p=none) header.from=a.example\r\n"));
    }

    [Test]
    public async Task Dkim_NoKey_IsPermerror_KeyServFail_IsTemperror_AndRsaSha1_IsNotAccepted()
    {
        _dns.Txt("s1._domainkey.sha1.example", _signed.KeyRecord).Fail("s1._domainkey.down.example").Txt("nokey.example", "v=spf1 -all");
        Assert.That(await SendAsync("gv@nokey.example", _signed.Build("gv@nokey.example", A("annv"), "nokey.example")), Does.StartWith("250"));
        Assert.That(await SendAsync("gv@down.example", _signed.Build("gv@down.example", A("annv"), "down.example")), Does.StartWith("250"));
        Assert.That(await SendAsync("gv@sha1.example", _signed.Build("gv@sha1.example", A("annv"), "sha1.example", algorithm: MimeKit.Cryptography.DkimSignatureAlgorithm.RsaSha1)),
            Does.StartWith("250"));

        var results = await AllStoredResultsAsync("INBOX");
        Assert.That(results[0], Does.Contain("\tdkim=permerror header.d=nokey.example header.s=s1 header.a=rsa-sha256;"));
        Assert.That(results[1], Does.Contain("\tdkim=temperror header.d=down.example header.s=s1 header.a=rsa-sha256;"));
        Assert.That(results[2], Does.Contain("\tdkim=fail header.d=sha1.example header.s=s1 header.a=rsa-sha1;"));
    }

    [Test]
    public async Task Dmarc_PassesOnAlignedSpfAlone()
    {
        _dns.Txt("a.example", "v=spf1 ip4:127.0.0.1 -all").Txt("_dmarc.a.example", "v=DMARC1; p=reject");
        Assert.That(await SendAsync("gv@a.example", _signed.Build("gv@a.example", A("annv"), null)), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("INBOX"), Does.EndWith("\tdmarc=pass (p=reject) header.from=a.example\r\n"));
    }

    [Test]
    public async Task Dmarc_Quarantine_DeliversIntoJunk()
    {
        _dns.Txt("a.example", "v=spf1 -all").Txt("_dmarc.a.example", "v=DMARC1; p=quarantine");
        Assert.That(await SendAsync("gv@a.example", _signed.Build("gv@a.example", A("annv"), null)), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("Junk"), Does.EndWith("\tdmarc=fail (p=quarantine) header.from=a.example\r\n"));
        Assert.That(Mailbox("INBOX").Messages, Is.Zero);
    }

    [Test]
    public async Task Dmarc_Reject_WithTheQuarantineSetting_DeliversIntoJunk()
    {
        _dns.Txt("a.example", "v=spf1 -all").Txt("_dmarc.a.example", "v=DMARC1; p=reject");
        var (mx, _) = await StartServerAsync(o => o.Auth.DmarcReject = "quarantine");

        Assert.That(await SendAsync("gv@a.example", _signed.Build("gv@a.example", A("annv"), null), port: mx), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("Junk"), Does.EndWith("\tdmarc=fail (p=reject) header.from=a.example\r\n"));
    }

    [Test]
    public async Task Dmarc_PctZero_TurnsRejectIntoQuarantine()
    {
        _dns.Txt("a.example", "v=spf1 -all").Txt("_dmarc.a.example", "v=DMARC1; p=reject; pct=0");
        Assert.That(await SendAsync("gv@a.example", _signed.Build("gv@a.example", A("annv"), null)), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("Junk"), Does.EndWith("\tdmarc=fail (p=reject dis=quarantine) header.from=a.example\r\n"));
    }

    [Test]
    public async Task Dmarc_RelaxedAlignment_AcceptsASubdomain_StrictDoesNot()
    {
        _dns.Txt("bounces.a.example", "v=spf1 ip4:127.0.0.1 -all").Txt("_dmarc.a.example", "v=DMARC1; p=none");
        Assert.That(await SendAsync("bounce@bounces.a.example", _signed.Build("gv@a.example", A("annv"), null)), Does.StartWith("250"));

        var strict = await FakeDnsWithStrictSpfAsync();
        Assert.That(await SendAsync("bounce@bounces.a.example", _signed.Build("gv@a.example", A("annv"), null), port: strict), Does.StartWith("250"));

        var results = await AllStoredResultsAsync("INBOX");
        Assert.That(results[0], Does.Contain("\tspf=pass smtp.mailfrom=bounces.a.example;").And.EndWith("\tdmarc=pass (p=none) header.from=a.example\r\n"), "relaxed");
        Assert.That(results[1], Does.Contain("\tspf=pass smtp.mailfrom=bounces.a.example;").And.EndWith("\tdmarc=fail (p=none) header.from=a.example\r\n"), "strict");
    }

    [Test]
    public async Task Dmarc_Subdomain_WithoutItsOwnRecord_TakesSpFromTheOrganisationalDomain()
    {
        _dns.Txt("_dmarc.a.example", "v=DMARC1; p=none; sp=quarantine");
        Assert.That(await SendAsync("gv@hcm.a.example", _signed.Build("gv@hcm.a.example", A("annv"), null)), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("Junk"), Does.EndWith("\tdmarc=fail (p=quarantine) header.from=hcm.a.example\r\n"));
    }

    [Test]
    public async Task Dmarc_OrganisationalDomain_OfAnEduVnSchool_IsTheSchool()
    {
        // truong.edu.vn's organisational domain is truong.edu.vn, not edu.vn (the Public Suffix List names edu.vn).
        _dns.Txt("mail.truong.edu.vn", "v=spf1 ip4:127.0.0.1 -all").Txt("_dmarc.truong.edu.vn", "v=DMARC1; p=reject");
        Assert.That(await SendAsync("gv@mail.truong.edu.vn", _signed.Build("gv@truong.edu.vn", A("annv"), null)), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("INBOX"), Does.EndWith("\tdmarc=pass (p=reject) header.from=truong.edu.vn\r\n"));
    }

    [Test]
    public async Task TemporaryDnsErrors_GiveTemperror_NeverARejection()
    {
        _dns.Fail("a.example").Txt("_dmarc.a.example", "v=DMARC1; p=reject");
        Assert.That(await SendAsync("gv@a.example", _signed.Build("gv@a.example", A("annv"), null)), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("INBOX"), Does.Contain("\tspf=temperror smtp.mailfrom=a.example;").And.EndWith("\tdmarc=temperror (p=reject) header.from=a.example\r\n"));

        _dns.Fail("_dmarc.b.example").Txt("b.example", "v=spf1 -all");
        Assert.That(await SendAsync("gv@b.example", _signed.Build("gv@b.example", A("annv"), null)), Does.StartWith("250"));
        Assert.That((await AllStoredResultsAsync("INBOX"))[1], Does.EndWith("\tdmarc=temperror header.from=b.example\r\n"));
    }

    [Test]
    public async Task ChecksThatTakeTooLong_GiveTemperror_AndTheMessageIsDelivered()
    {
        // A resolver that takes the questions and never answers, each try given a minute: without the 1-second bound on
        // all checks the reply would come after the test client's 30-second wait.
        using var blackHole = new System.Net.Sockets.UdpClient(new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, 0));
        var (mx, _) = await StartServerAsync(o =>
        {
            o.Dns.Server = blackHole.Client.LocalEndPoint!.ToString()!;
            o.Dns.TimeoutSeconds = 60;
            o.Auth.TimeoutSeconds = 1;
        });

        Assert.That(await SendAsync("gv@slow.example", _signed.Build("gv@slow.example", A("annv"), null), port: mx), Does.StartWith("250"));
        Assert.That(await StoredResultsAsync("INBOX"), Is.EqualTo(
            $"Authentication-Results: {Hostname};\r\n\tspf=temperror smtp.mailfrom=slow.example;\r\n\tdkim=none;\r\n\tdmarc=temperror header.from=slow.example\r\n"));
    }

    [Test]
    public async Task ForgedResults_WithOurName_AreRemoved_OthersStay()
    {
        const string forged = $"Authentication-Results: {Hostname};\r\n\tdkim=pass header.d=a.example\r\n";
        const string foreign = "Authentication-Results: mx.a.example; spf=pass smtp.mailfrom=a.example\r\n";
        var message = _signed.Build("gv@a.example", A("annv"), null, extraHeaders: forged + foreign + $"authentication-results: (comment) {Hostname.ToUpperInvariant()}; none\r\n");

        Assert.That(await SendAsync("gv@a.example", message), Does.StartWith("250"));
        var stored = await StoredTextAsync("INBOX");
        Assert.That(stored, Does.Not.Contain("header.d=a.example").And.Not.Contain("(comment)"));
        Assert.That(stored, Does.Contain("\r\n" + foreign));
        var results = await AllStoredResultsAsync("INBOX");
        Assert.That(results, Has.Count.EqualTo(2), "ours and the foreign one");
        Assert.That(results[0], Does.StartWith($"Authentication-Results: {Hostname};\r\n\tspf=none"), "ours comes first");
        Assert.That(stored, Does.EndWith(_signed.Build("gv@a.example", A("annv"), null, extraHeaders: foreign)));
    }

    [Test]
    public async Task Submission_IsNotChecked()
    {
        _dns.Txt(Domain, "v=spf1 -all").Txt("_dmarc." + Domain, "v=DMARC1; p=reject");
        using var client = new SmtpClient { ServerCertificateValidationCallback = TestCertificate.Pin(_certificate) };
        await client.ConnectAsync("127.0.0.1", _submission, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(A("annv"), GoodPassword);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Nguyễn Văn An", A("annv")));
        message.To.Add(new MailboxAddress("Nguyễn Văn An", A("annv")));
        message.Subject = "Gửi chính mình";
        message.Body = new TextPart("plain") { Text = "Nội dung.\r\n" };
        await client.SendAsync(message);
        await client.DisconnectAsync(true);

        Assert.That(await StoredTextAsync("INBOX"), Does.Not.Contain("Authentication-Results"));
        Assert.That(_dns.Asked("_dmarc." + Domain), Is.Zero, "no DNS question was asked for submitted mail");
    }

    private async Task<int> FakeDnsWithStrictSpfAsync()
    {
        // Same records, but the domain asks for strict SPF alignment: a second DNS server and MX port for it.
        var strictDns = FakeDns.Start();
        strictDns.Txt("bounces.a.example", "v=spf1 ip4:127.0.0.1 -all").Txt("_dmarc.a.example", "v=DMARC1; p=none; aspf=s");
        _dnsExtra.Add(strictDns);
        var (mx, _) = await StartServerAsync(o => o.Dns.Server = strictDns.Server);
        return mx;
    }

    private async Task<(int Mx, int Submission)> StartServerAsync(Action<ApplianceOptions> configure)
    {
        var (mx, submission) = (0, 0);
        _servers.Add(await RunningSmtpServer.StartAsync(() =>
        {
            (mx, submission) = (FreePort.Next(), FreePort.Next());
            var options = new ApplianceOptions { Hostname = Hostname };
            options.Listen.Address = "127.0.0.1";
            options.Smtp.Port = mx;
            options.Submission.Port = submission;
            options.SubmissionTls.Port = 0;
            options.Dns.Server = _dns.Server;
            options.Dns.TimeoutSeconds = 2;
            configure(options);
            Assert.That(options.Validate(), Is.Null);
            var server = ApplianceSmtpServer.Create(options, Dir, _store, _spool, _certificate, new AuthThrottle(new AuthThrottleOptions(), TimeProvider.System),
                TimeProvider.System, inbound: InboundAuthenticator.Create(options, ResolverFactory.Create(options.Dns), null), journal: _journal);
            return (server, [mx, submission]);
        }));
        return (mx, submission);
    }

    /// <summary>One MX transaction with raw DATA (the message text must end in CRLF); returns the reply to it.</summary>
    private async Task<string> SendAsync(string mailFrom, string message, string helo = "mx.sender.example", int port = 0)
    {
        var (smtp, _) = await SmtpDialog.ConnectAsync(port == 0 ? _mx : port);
        using var _ = smtp;
        await smtp.CommandAsync("EHLO " + helo);
        Assert.That(await smtp.CommandAsync($"MAIL FROM:<{mailFrom}>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("annv")}>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync("DATA"), Does.StartWith("354"));
        return await smtp.SendAsync(message + ".\r\n");
    }

    private MailboxInfo Mailbox(string name) => _store.Index.Mailboxes(A("annv")).Single(m => m.Name == name);

    private async Task<List<string>> AllStoredTextsAsync(string mailbox)
    {
        var info = Mailbox(mailbox);
        var texts = new List<string>();
        for (var uid = 1; uid < info.UidNext; uid++)
        {
            if (_store.Index.Message(info.Id, uid) is { } message)
            {
                texts.Add(Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_store.Bodies.PathOf(message.Hash))));
            }
        }

        return texts;
    }

    private async Task<string> StoredTextAsync(string mailbox) => (await AllStoredTextsAsync(mailbox)).Single();

    /// <summary>Every message's Authentication-Results fields in <paramref name="mailbox"/>, each with its folding and CRLF.</summary>
    private async Task<List<string>> AllStoredResultsAsync(string mailbox) =>
        (await AllStoredTextsAsync(mailbox)).SelectMany(text => System.Text.RegularExpressions.Regex.Matches(
            text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)] + "\r\n", @"(?im)^Authentication-Results:.*\r\n(?:[ \t].*\r\n)*").Select(m => m.Value)).ToList();

    private async Task<string> StoredResultsAsync(string mailbox) => (await AllStoredResultsAsync(mailbox)).Single();
}
