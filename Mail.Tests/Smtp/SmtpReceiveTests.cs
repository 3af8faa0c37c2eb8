using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mail.Directory;
using Mail.Server.Hosting;
using Mail.Server.Queue;
using Mail.Server.Security;
using Mail.Server.Smtp;
using Mail.Server.Store;
using Mail.Tests.Fixtures;
using MimeKit;

namespace Mail.Tests.Smtp;

/// <summary>The SMTP listeners on real sockets with a real slapd and the real store.</summary>
internal sealed class SmtpReceiveTests : DirectoryTestBase
{
    private const int ConnectionsPerAddress = 4;
    private const string Body = "Kính gửi các thầy cô,\r\nHọp tổ Toán lúc 14 giờ.\r\n";
    private string _storeRoot = null!;
    private MessageStore _store = null!;
    private OutboundSpool _spool = null!;
    private RunningSmtpServer _server = null!;
    private X509Certificate2 _certificate = null!;
    private int _mx;
    private int _submission;
    private int _submissionTls;

    [SetUp]
    public async Task StartServerAsync()
    {
        await AddUserAsync("annv");
        await AddUserAsync("binhtt", "Trần Thị Bình");
        await Dir.Groups.AddAsync(A("totoan"), "Tổ Toán", SenderPolicy.Anyone, None);
        await Dir.Groups.AddMemberAsync(A("totoan"), A("annv"), None);
        await Dir.Groups.AddMemberAsync(A("totoan"), A("binhtt"), None);
        await Dir.Groups.AddMemberAsync(A("totoan"), "truongphong@sgd.example", None);

        _storeRoot = Path.Combine(Path.GetTempPath(), "mailappliance-tests", "smtp-" + Guid.NewGuid().ToString("N"));
        _store = new MessageStore(Path.Combine(_storeRoot, "store"));
        _spool = new OutboundSpool(Path.Combine(_storeRoot, "spool"));
        _certificate = TestCertificate.Create();
        _server = await RunningSmtpServer.StartAsync(() =>
        {
            (_mx, _submission, _submissionTls) = (FreePort.Next(), FreePort.Next(), FreePort.Next());
            var options = new ApplianceOptions { Hostname = "mail.test.edu.vn" };
            options.Listen.Address = "127.0.0.1";
            options.Smtp.Port = _mx;
            options.Submission.Port = _submission;
            options.SubmissionTls.Port = _submissionTls;
            options.Limits.SmtpConnectionsPerAddress = ConnectionsPerAddress;
            var server = ApplianceSmtpServer.Create(options, Dir, _store, _spool, _certificate, new AuthThrottle(new AuthThrottleOptions(), TimeProvider.System), TimeProvider.System);
            return (server, [_mx, _submission, _submissionTls]);
        });
    }

    [TearDown]
    public async Task StopServerAsync()
    {
        await _server.DisposeAsync();
        _certificate.Dispose();
        System.IO.Directory.Delete(_storeRoot, recursive: true);
    }

    [Test]
    public async Task Mx_DeliversToTheInbox_WithTraceHeaders_AndTheBytesIntact()
    {
        var (smtp, banner) = await SmtpDialog.ConnectAsync(_mx);
        using var _ = smtp;
        Assert.That(banner, Is.EqualTo("220 mail.test.edu.vn ESMTP"), "no version in the banner");
        var ehlo = await smtp.CommandAsync("EHLO sender.example");
        Assert.That(ehlo, Does.Contain("ENHANCEDSTATUSCODES").And.Contain("STARTTLS").And.Not.Contain("AUTH"));
        Assert.That(await smtp.CommandAsync("MAIL FROM:<gv@sender.example>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("annv")}>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync("DATA"), Does.StartWith("354"));
        var reply = await smtp.SendAsync("Subject: =?UTF-8?B?SOG7jXAgdOG7lQ==?=\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n" + Body + ".\r\n");
        Assert.That(reply, Does.StartWith("250 2.0.0 queued as "));

        var inbox = _store.Index.Mailboxes(A("annv"))[0];
        Assert.That(inbox.Messages, Is.EqualTo(1));
        var (hash, analysis) = _store.Index.Message(inbox.Id, 1)!.Value;
        var stored = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_store.Bodies.PathOf(hash)));
        Assert.That(stored, Does.StartWith("Return-Path: <gv@sender.example>\r\nReceived: from sender.example ([127.0.0.1])"));
        Assert.That(stored, Does.Contain($"with ESMTP\r\n\tid ").And.Contain($" for <{A("annv")}>;"));
        Assert.That(stored, Does.EndWith("\r\n\r\n" + Body), "body byte-exact, final CRLF kept");
        Assert.That(analysis.Envelope.Subject, Is.EqualTo("=?UTF-8?B?SOG7jXAgdOG7lQ==?="));
    }

    [Test]
    public async Task Smtputf8_IsNotOffered_AndNonAsciiPathsGetPostfixsReplies_InsteadOfACorruptedReturnPath()
    {
        // SmtpServer 11.1.0 offered SMTPUTF8 and stored MAIL FROM:<a@đạihọc.vn> as Return-Path: <a@?????ih???c.vn>.
        var (smtp, _) = await SmtpDialog.ConnectAsync(_mx);
        using var _1 = smtp;
        Assert.That(await smtp.CommandAsync("EHLO sender.example"), Does.Not.Contain("SMTPUTF8").And.Contain("8BITMIME"));
        Assert.That(await smtp.CommandAsync("MAIL FROM:<a@đạihọc.vn> SMTPUTF8"), Is.EqualTo("555 5.5.4 Unsupported option: SMTPUTF8"));
        Assert.That(await smtp.CommandAsync("MAIL FROM:<a@x.vn> SMTPUTF8"), Is.EqualTo("555 5.5.4 Unsupported option: SMTPUTF8"));
        Assert.That(await smtp.CommandAsync("MAIL FROM:<a@đạihọc.vn>"), Is.EqualTo("501 5.1.7 Bad sender address syntax"));
        Assert.That(await smtp.CommandAsync("MAIL FROM:<gv@sender.example>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync($"RCPT TO:<thầy@{Domain}>"), Is.EqualTo("501 5.1.3 bad recipient address syntax"));
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("annv")}>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync("DATA"), Does.StartWith("354"));
        Assert.That(await smtp.SendAsync("Subject: Thầy\r\n\r\nhello\r\n.\r\n"), Does.StartWith("250"), "UTF-8 headers still travel under 8BITMIME");
        var inbox = _store.Index.Mailboxes(A("annv"))[0];
        var stored = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_store.Bodies.PathOf(_store.Index.Message(inbox.Id, 1)!.Value.Hash)));
        Assert.That(stored, Does.StartWith("Return-Path: <gv@sender.example>\r\n").And.Contain("Subject: Thầy\r\n"));
    }

    /// <summary>A raw MX session that has said EHLO, MAIL FROM, RCPT TO the recipient and DATA (354).</summary>
    private async Task<SmtpDialog> AtDataAsync(string recipient)
    {
        var (smtp, _) = await SmtpDialog.ConnectAsync(_mx);
        await smtp.CommandAsync("EHLO sender.example");
        await smtp.CommandAsync("MAIL FROM:<gv@sender.example>");
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{recipient}>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync("DATA"), Does.StartWith("354"));
        return smtp;
    }

    [Test]
    public async Task Mx_MixedRecipients_GetTheirOwnAnswers_AndTheGoodOnesReceive()
    {
        var (smtp, _) = await SmtpDialog.ConnectAsync(_mx);
        using var _1 = smtp;
        await smtp.CommandAsync("EHLO sender.example");
        await smtp.CommandAsync("MAIL FROM:<gv@sender.example>");
        // SmtpServer appends ", N retry(ies) remaining." to replies our filter raises; our listener removes it.
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("ghost")}>"), Is.EqualTo("550 5.1.1 no such user here"));
        Assert.That(await smtp.CommandAsync("RCPT TO:<someone@gmail.com>"), Is.EqualTo("554 5.7.1 relay access denied"));
        Assert.That(await smtp.CommandAsync($"RCPT TO:<someone%gmail.com@{Domain}>"), Does.StartWith("554 5.7.1"));
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("binhtt")}>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync("DATA"), Does.StartWith("354"));
        Assert.That(await smtp.SendAsync("Subject: x\r\n\r\nhello\r\n.\r\n"), Does.StartWith("250"));
        Assert.That(_store.Index.Mailboxes(A("binhtt"))[0].Messages, Is.EqualTo(1));
        Assert.That(_store.Index.Mailboxes(A("annv")), Is.Empty);
    }

    [Test]
    public async Task Mx_TheLibrarysOwnReplies_CarryEnhancedCodes()
    {
        var (smtp, _) = await SmtpDialog.ConnectAsync(_mx);
        using var _1 = smtp;
        await smtp.CommandAsync("EHLO sender.example");
        Assert.That(await smtp.CommandAsync("RCPT TO:<x@y>"), Does.StartWith("503 5.5.1 bad sequence of commands"));
        Assert.That(await smtp.CommandAsync("MAIL FROM:<gv@sender.example>"), Is.EqualTo("250 2.0.0 Ok"));
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("annv")}>"), Is.EqualTo("250 2.0.0 Ok"));
        Assert.That(await smtp.CommandAsync("RSET"), Is.EqualTo("250 2.0.0 Ok"));
        Assert.That(await smtp.CommandAsync("NOOP"), Is.EqualTo("250 2.0.0 Ok"));
        Assert.That(await smtp.CommandAsync("QUIT"), Does.Match(@"^221 2\.0\.0 "));
    }

    [Test]
    public async Task Mx_AnEmptyMessage_IsAnsweredAtOnce_AndTheSessionGoesOn()
    {
        using var smtp = await AtDataAsync(A("annv"));
        Assert.That(await smtp.SendAsync(".\r\n"), Is.EqualTo("554 5.6.0 empty message"));
        Assert.That(await smtp.CommandAsync("NOOP"), Is.EqualTo("250 2.0.0 Ok"), "the session is still in step");
        Assert.That(_store.Index.Mailboxes(A("annv")), Is.Empty);
    }

    [Test]
    public async Task Mx_DotStuffing_IsRemovedOnEveryLineIncludingTheFirst()
    {
        using var smtp = await AtDataAsync(A("annv"));
        Assert.That(await smtp.SendAsync("..X-First: dotted\r\nSubject: x\r\n\r\n..\r\n...two\r\n.\r\n"), Does.StartWith("250 2.0.0"));

        var inbox = _store.Index.Mailboxes(A("annv"))[0];
        var (hash, _) = _store.Index.Message(inbox.Id, 1)!.Value;
        var stored = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_store.Bodies.PathOf(hash)));
        Assert.That(stored, Does.EndWith("\r\n.X-First: dotted\r\nSubject: x\r\n\r\n.\r\n..two\r\n"));
    }

    [Test]
    public async Task Mx_TooManyConnectionsFromOneAddress_Get421_AndAClosedOneFreesItsSlot()
    {
        // Earlier connections of this fixture (the start-up probe) may take a moment to be released.
        var dialogs = new List<SmtpDialog>();
        string? refused = null;
        var limited = await Eventually.TrueAsync(async () =>
        {
            foreach (var old in dialogs)
            {
                old.Dispose();
            }

            dialogs.Clear();
            for (var i = 0; i < ConnectionsPerAddress; i++)
            {
                var (dialog, banner) = await SmtpDialog.ConnectAsync(_mx);
                dialogs.Add(dialog);
                if (!banner.StartsWith("220 ", StringComparison.Ordinal))
                {
                    return false;
                }
            }

            var (extra, reply) = await SmtpDialog.ConnectAsync(_mx);
            using (extra)
            {
                refused = reply;
                Assert.That(await extra.ReadReplyAsync(), Is.Empty, "closed after the 421");
            }

            return true;
        }, TimeSpan.FromSeconds(10));
        Assert.That(limited, Is.True);
        Assert.That(refused, Does.StartWith("421 4.7.0 "));

        Assert.That(await dialogs[0].CommandAsync("QUIT"), Does.StartWith("221"));
        Assert.That(await dialogs[0].ReadReplyAsync(), Is.Empty);
        var admitted = await Eventually.TrueAsync(async () =>
        {
            var (again, banner) = await SmtpDialog.ConnectAsync(_mx);
            using (again)
            {
                return banner.StartsWith("220 ", StringComparison.Ordinal);
            }
        }, TimeSpan.FromSeconds(10));
        Assert.That(admitted, Is.True);
        foreach (var dialog in dialogs)
        {
            dialog.Dispose();
        }
    }

    [TestCase("\n.\n")]
    [TestCase("\n.\r\n")]
    [TestCase("\r.\r")]
    public async Task Mx_SmugglingSequences_AreRefusedAndNothingIsStored(string smuggle)
    {
        using var smtp = await AtDataAsync(A("annv"));
        var reply = await smtp.SendAsync($"Subject: x\r\n\r\nhello{smuggle}MAIL FROM:<ceo@{Domain}>\r\nRCPT TO:<{A("binhtt")}>\r\n.\r\n");
        Assert.That(reply, Does.StartWith("554 5.6.0"));
        Assert.That(_store.Index.Mailboxes(A("annv")), Is.Empty);
        Assert.That(_store.Index.Mailboxes(A("binhtt")), Is.Empty);
    }

    [Test]
    public async Task Mx_GroupMail_IsOneBodyForEveryLocalMember_AndSpoolsTheExternalOne()
    {
        using var client = new SmtpClient();
        await client.ConnectAsync("127.0.0.1", _mx, SecureSocketOptions.None);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Sở GD", "vanphong@sgd.example"));
        message.To.Add(new MailboxAddress("Tổ Toán", A("totoan")));
        message.Subject = "Lịch họp";
        message.Body = new TextPart("plain") { Text = Body };
        await client.SendAsync(message);
        await client.DisconnectAsync(true);

        Assert.That(_store.Index.Mailboxes(A("annv"))[0].Messages, Is.EqualTo(1));
        Assert.That(_store.Index.Mailboxes(A("binhtt"))[0].Messages, Is.EqualTo(1));
        Assert.That(_store.Index.BodyReferences().Single().RefCount, Is.EqualTo(2));
        Assert.That(_spool.Pending(), Has.Count.EqualTo(1));
        Assert.That(File.ReadLines(_spool.Pending()[0]).First(), Does.Contain("truongphong@sgd.example"));
    }

    [Test]
    public async Task Submission_RefusesAuthBeforeTls_AndDeliversAfterAuthOverStartTls()
    {
        var (plain, _) = await SmtpDialog.ConnectAsync(_submission);
        using (plain)
        {
            Assert.That(await plain.CommandAsync("EHLO laptop"), Does.Not.Contain("AUTH"));
            Assert.That(await plain.CommandAsync("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"\0{A("annv")}\0{GoodPassword}"))), Does.StartWith("5"));
        }

        using var client = PinnedClient();
        await client.ConnectAsync("127.0.0.1", _submission, SecureSocketOptions.StartTls);
        Assert.That(() => client.AuthenticateAsync(A("annv"), "Wrong-pass-77"), Throws.TypeOf<AuthenticationException>());
        await client.AuthenticateAsync(A("annv"), GoodPassword);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Nguyễn Văn An", A("annv")));
        message.To.Add(new MailboxAddress("Bình", A("binhtt")));
        message.To.Add(new MailboxAddress("Sở", "vanphong@sgd.example"));
        message.Subject = "Báo cáo";
        message.Body = new TextPart("plain") { Text = Body };
        await client.SendAsync(message);
        await client.DisconnectAsync(true);

        var inbox = _store.Index.Mailboxes(A("binhtt"))[0];
        Assert.That(inbox.Messages, Is.EqualTo(1));
        Assert.That(_spool.Pending(), Has.Count.EqualTo(1));
        var (hash, _) = _store.Index.Message(inbox.Id, 1)!.Value;
        var stored = Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_store.Bodies.PathOf(hash)));
        Assert.That(stored, Does.Match(@"with ESMTPSA \(Tls1[23] TLS_[A-Z0-9_]+\)"), "TLS version and cipher in Received");
    }

    [Test]
    public async Task Submission_OnlyTheUsersOwnAddresses_InMailFromAndFrom()
    {
        await Dir.Aliases.AddAsync(A("annv"), A("an"), None);
        await Dir.Groups.AddSenderAsync(A("totoan"), A("annv"), None);
        using var client = PinnedClient();
        await client.ConnectAsync("127.0.0.1", _submission, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(A("annv"), GoodPassword);

        Assert.That(await SendAsAsync(client, A("an"), A("an")), Is.Null, "an alias is the user's own");
        Assert.That(await SendAsAsync(client, A("totoan"), A("totoan")), Is.Null, "a group that lists the user as allowed sender");
        Assert.That(await SendAsAsync(client, A("binhtt"), A("annv")), Does.StartWith("553 5.7.1"), "MAIL FROM of another user");
        Assert.That(await SendAsAsync(client, A("annv"), A("binhtt")), Does.StartWith("553 5.7.1"), "From header of another user");
        Assert.That(await SendAsAsync(client, "ceo@gmail.com", A("annv")), Does.StartWith("553 5.7.1"), "an outside address");
        await client.DisconnectAsync(true);
        Assert.That(_store.Index.Mailboxes(A("binhtt"))[0].Messages, Is.EqualTo(2), "only the two permitted messages arrived");
    }

    [Test]
    public async Task Mx_AccountOverQuota_Gets452_4_2_2_OthersStillReceive()
    {
        await Dir.Accounts.AddAsync(A("full"), "Hết Chỗ", GoodPassword, None, quotaBytes: 100);
        var (smtp, _) = await SmtpDialog.ConnectAsync(_mx);
        using var _1 = smtp;
        await smtp.CommandAsync("EHLO sender.example");
        await smtp.CommandAsync("MAIL FROM:<gv@sender.example>");
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("full")}>"), Does.StartWith("250"), "under quota while empty");
        await smtp.CommandAsync("DATA");
        Assert.That(await smtp.SendAsync("Subject: " + new string('x', 200) + "\r\n\r\nbody\r\n.\r\n"), Does.StartWith("250"));

        await smtp.CommandAsync("MAIL FROM:<gv@sender.example>");
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("full")}>"), Does.StartWith("452 4.2.2"));
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("annv")}>"), Does.StartWith("250"));
    }

    [TestCase("gv@sender.example")]
    [TestCase("")]
    public async Task Mx_GroupMemberWithAFullMailbox_IsLeftOut_AndTheSenderGetsAReport(string sender)
    {
        await Dir.Accounts.AddAsync(A("full"), "Hết Chỗ", GoodPassword, None, quotaBytes: 100);
        await Dir.Groups.AddMemberAsync(A("totoan"), A("full"), None);
        using (var filler = new MemoryStream(Encoding.UTF8.GetBytes("Subject: " + new string('x', 200) + "\r\n\r\nbody\r\n")))
        {
            await _store.DeliverAsync(filler, [A("full")], DateTimeOffset.UtcNow, CancellationToken.None);
        }

        var (smtp, _) = await SmtpDialog.ConnectAsync(_mx);
        using var _1 = smtp;
        await smtp.CommandAsync("EHLO sender.example");
        await smtp.CommandAsync($"MAIL FROM:<{sender}>");
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("totoan")}>"), Does.StartWith("250"));
        await smtp.CommandAsync("DATA");
        Assert.That(await smtp.SendAsync("Subject: =?UTF-8?B?SOG7jXA=?=\r\nMessage-ID: <hop@sgd.example>\r\n\r\nHọp tổ.\r\n.\r\n"), Does.StartWith("250 2.0.0"));

        Assert.That(_store.Index.Mailboxes(A("annv"))[0].Messages, Is.EqualTo(1));
        Assert.That(_store.Index.Mailboxes(A("binhtt"))[0].Messages, Is.EqualTo(1));
        Assert.That(_store.Index.Mailboxes(A("full"))[0].Messages, Is.EqualTo(1), "only the message that filled it");
        var spooled = _spool.Pending().Select(File.ReadAllBytes).ToList();
        var reports = spooled.Where(bytes => Encoding.UTF8.GetString(bytes).Contains("multipart/report", StringComparison.Ordinal)).ToList();
        if (sender.Length == 0)
        {
            Assert.That(reports, Is.Empty, "a message with the null sender is never bounced");
            return;
        }

        Assert.That(reports, Has.Count.EqualTo(1));
        var text = Encoding.UTF8.GetString(reports[0]);
        Assert.That(text[..text.IndexOf('\n', StringComparison.Ordinal)], Does.Contain("\"recipients\":[\"gv@sender.example\"]"));
        using var stream = new MemoryStream(reports[0], text.IndexOf('\n', StringComparison.Ordinal) + 1, reports[0].Length - text.IndexOf('\n', StringComparison.Ordinal) - 1);
        var notice = await MimeMessage.LoadAsync(stream);
        Assert.That(notice.Body, Is.TypeOf<MultipartReport>());
        Assert.That(((MultipartReport)notice.Body).ReportType, Is.EqualTo("delivery-status"));
        Assert.That(notice.Headers[HeaderId.AutoSubmitted], Is.EqualTo("auto-replied"));
        var status = notice.BodyParts.OfType<MessageDeliveryStatus>().Single();
        var recipient = status.StatusGroups[1];
        Assert.That((recipient["Final-Recipient"], recipient["Original-Recipient"], recipient["Action"], recipient["Status"]),
            Is.EqualTo(($"rfc822; {A("full")}", $"rfc822; {A("totoan")}", "failed", "5.2.2")));
        Assert.That(notice.TextBody, Does.Contain("không chuyển được").And.Contain("could not be delivered").And.Contain($"<{A("full")}>: 552 5.2.2 mailbox full"));
        Assert.That(notice.BodyParts.Single(p => p.ContentType.MimeType == "text/rfc822-headers").ToString(), Does.Contain("Message-ID: <hop@sgd.example>"));
    }

    /// <summary>Sends one message with the given envelope sender and From; returns null or the refusal line.</summary>
    private async Task<string?> SendAsAsync(SmtpClient client, string envelopeFrom, string headerFrom)
    {
        var message = new MimeMessage();
        message.From.Add(MailboxAddress.Parse(headerFrom));
        message.To.Add(MailboxAddress.Parse(A("binhtt")));
        message.Subject = "Thử";
        message.Body = new TextPart("plain") { Text = "x" };
        try
        {
            await client.SendAsync(message, MailboxAddress.Parse(envelopeFrom), [MailboxAddress.Parse(A("binhtt"))]);
            return null;
        }
        catch (SmtpCommandException ex)
        {
            return $"{(int)ex.StatusCode} {ex.Message}";
        }
    }

    [Test]
    public async Task Swaks_DeliversOverMx_AndIsRefusedAsARelay()
    {
        var delivered = await SwaksAsync("--server", $"127.0.0.1:{_mx}", "--from", "gv@sender.example", "--to", A("annv"),
            "--header", "Subject: Thông báo", "--body", "Xin chào");
        Assert.That(delivered.Exit, Is.Zero, delivered.Output);
        Assert.That(delivered.Output, Does.Contain("<-  250 2.0.0 queued as"));
        Assert.That(_store.Index.Mailboxes(A("annv"))[0].Messages, Is.EqualTo(1));

        var relay = await SwaksAsync("--server", $"127.0.0.1:{_mx}", "--from", "spam@sender.example", "--to", "victim@gmail.com");
        Assert.That(relay.Exit, Is.Not.Zero);
        Assert.That(relay.Output, Does.Contain("<** 554 5.7.1 relay access denied"));
    }

    [Test]
    public async Task Swaks_SubmitsOverImplicitTls_WithAuthLogin_AndIsRefusedWithAWrongPassword()
    {
        var sent = await SwaksAsync("--server", $"127.0.0.1:{_submissionTls}", "--tls-on-connect", "--auth", "LOGIN",
            "--auth-user", A("annv"), "--auth-password", GoodPassword, "--from", A("annv"), "--to", A("binhtt"),
            "--header", $"From: {A("annv")}", "--header", "Subject: Thử TLS", "--body", "Xin chào");
        Assert.That(sent.Exit, Is.Zero, sent.Output);
        Assert.That(sent.Output, Does.Contain("<~  235 2.7.0 ").And.Contain("<~  250 2.0.0 queued as"));
        Assert.That(_store.Index.Mailboxes(A("binhtt"))[0].Messages, Is.EqualTo(1));

        var wrong = await SwaksAsync("--server", $"127.0.0.1:{_submissionTls}", "--tls-on-connect", "--auth", "PLAIN",
            "--auth-user", A("annv"), "--auth-password", "Wrong-pass-77", "--from", A("annv"), "--to", A("binhtt"));
        Assert.That(wrong.Exit, Is.Not.Zero);
        Assert.That(wrong.Output, Does.Contain("<~* 535 5.7.8 "));
    }

    private static async Task<(int Exit, string Output)> SwaksAsync(params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("swaks") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var swaks = System.Diagnostics.Process.Start(start)!;
        var output = swaks.StandardOutput.ReadToEndAsync();
        var errors = swaks.StandardError.ReadToEndAsync();
        await swaks.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(60)).Token);
        return (swaks.ExitCode, await output + await errors);
    }

    /// <summary>A client that trusts exactly the test's own self-signed certificate.</summary>
    private SmtpClient PinnedClient() => new()
    {
        ServerCertificateValidationCallback = TestCertificate.Pin(_certificate),
    };
}
