using System.Text;
using Mail.Directory;
using Mail.Server.Dkim;
using Mail.Tests.Fixtures;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Mail.Tests.Smtp;

/// <summary>DKIM signing at acceptance, end to end: real SMTP sockets, a real slapd, MailKit as the client, the spooled
/// copy verified by dkimpy; the copies delivered here stay unsigned.</summary>
internal sealed class DkimSigningTests : DirectoryTestBase
{
    private const string Outside = "truongphong@sgd.example";
    private SigningSmtpServer _smtp = null!;
    private DkimKeyring _keys = null!;

    [SetUp]
    public async Task StartServerAsync()
    {
        await AddUserAsync("annv");
        await AddUserAsync("binhtt", "Trần Thị Bình");
        await Dir.Groups.AddAsync(A("totoan"), "Tổ Toán", SenderPolicy.Anyone, None);
        await Dir.Groups.AddMemberAsync(A("totoan"), A("binhtt"), None);
        await Dir.Groups.AddMemberAsync(A("totoan"), Outside, None);

        var root = TestFolder.New("dkim-smtp");
        var folder = new DkimKeyFolder(Path.Combine(root, "dkim"));
        _keys = new DkimKeyring(folder, TimeProvider.System);
        await _keys.EnsureActiveAsync(Domain, None);
        var signer = new DkimMessageSigner(folder, NullLogger<DkimMessageSigner>.Instance);
        _smtp = await SigningSmtpServer.StartAsync(Dir, root, "mail." + Domain, Domain, signer);
    }

    [TearDown]
    public async Task StopServerAsync() => await _smtp.DisposeAsync();

    [Test]
    public async Task Submission_ToAnOutsideAddress_IsSpooledSignedWithBothKeys_AndTheLocalCopyIsNot()
    {
        await SubmitAsync(A("annv"), A("annv"), Outside, A("binhtt"));

        var spooled = SpooledMessages().Single();
        Assert.That(await Dkimpy.VerifyAsync(spooled, await Dkimpy.RecordsAsync(_keys.Folder, Domain)), Is.EqualTo(new[] { true, true }));
        Assert.That(Signatures(spooled), Has.Length.EqualTo(2).And.All.Contains($"d={Domain};"));
        Assert.That(Signatures(await StoredAsync(A("binhtt"))), Is.Empty, "mail delivered here is not signed");
    }

    [Test]
    public async Task Submission_FromAnotherHostedDomainWithKeys_IsSignedAsThatDomain()
    {
        var other = await SlapdFixture.NewDomainAsync(Dir);
        await Dir.Aliases.AddAsync(A("annv"), "an@" + other, None);
        await _keys.EnsureActiveAsync(other, None);

        await SubmitAsync(A("annv"), "an@" + other, Outside);

        var spooled = SpooledMessages().Single();
        Assert.That(Signatures(spooled), Has.Length.EqualTo(2).And.All.Contains($"d={other};"));
        Assert.That(await Dkimpy.VerifyAsync(spooled, await Dkimpy.RecordsAsync(_keys.Folder, other)), Is.EqualTo(new[] { true, true }));
    }

    [Test]
    public async Task Submission_FromADomainWithoutKeys_LeavesUnsigned()
    {
        File.Delete(_keys.Folder.ManifestFile(Domain));

        await SubmitAsync(A("annv"), A("annv"), Outside);

        Assert.That(Signatures(SpooledMessages().Single()), Is.Empty);
    }

    [Test]
    public async Task Mx_GroupWithAnExternalMember_SignsTheExternalCopyAsTheGroupsDomain()
    {
        var reply = await SendToTheGroupAsync(
            "From: =?UTF-8?B?R2nDoW8gdmnDqm4=?= <gv@sender.example>\r\nTo: " + A("totoan") + "\r\nSubject: Lịch họp tổ\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nHọp tổ Toán lúc 14 giờ.\r\n.\r\n");
        Assert.That(reply, Does.StartWith("250 2.0.0"));

        var spooled = SpooledMessages().Single();
        Assert.That(Encoding.UTF8.GetString(spooled), Does.Contain("Subject: Lịch họp tổ\r\n"), "raw UTF-8 kept as sent");
        Assert.That(Signatures(spooled), Has.Length.EqualTo(2).And.All.Contains($"d={Domain};"), "sender.example has no keys here");
        Assert.That(await Dkimpy.VerifyAsync(spooled, await Dkimpy.RecordsAsync(_keys.Folder, Domain)), Is.EqualTo(new[] { true, true }));
        Assert.That(Signatures(await StoredAsync(A("binhtt"))), Is.Empty, "the member's copy here is not signed");
    }

    [Test]
    public async Task Mx_GroupMailFromOutside_ClaimingOneOfOurDomains_IsNotSignedByUs()
    {
        // Nothing vouches for this From (no DMARC pass): our key must not make a forgery look like our own mail.
        var reply = await SendToTheGroupAsync($"From: {A("annv")}\r\nTo: {A("totoan")}\r\nSubject: Thông báo khẩn\r\n\r\nChuyển tiền ngay.\r\n.\r\n");
        Assert.That(reply, Does.StartWith("250 2.0.0"));
        Assert.That(Signatures(SpooledMessages().Single()), Is.Empty);
    }

    [Test]
    public async Task Mx_ReportToAnOutsideSender_IsSignedAsTheHostnamesDomain()
    {
        await Dir.Accounts.AddAsync(A("full"), "Hết Chỗ", GoodPassword, None, quotaBytes: 100);
        await Dir.Groups.AddMemberAsync(A("totoan"), A("full"), None);
        using (var filler = new MemoryStream(Encoding.UTF8.GetBytes("Subject: " + new string('x', 200) + "\r\n\r\nbody\r\n")))
        {
            await _smtp.Store.DeliverAsync(filler, [A("full")], DateTimeOffset.UtcNow, None);
        }

        Assert.That(await SendToTheGroupAsync("From: gv@sender.example\r\nSubject: =?UTF-8?B?SOG7jXA=?=\r\n\r\nHọp tổ.\r\n.\r\n"), Does.StartWith("250 2.0.0"));

        var report = SpooledMessages().Single(m => Encoding.UTF8.GetString(m).Contains("multipart/report", StringComparison.Ordinal));
        Assert.That(Signatures(report), Has.Length.EqualTo(2).And.All.Contains($"d={Domain};"), "mail.DOMAIN has no keys of its own; its parent domain has");
        Assert.That(await Dkimpy.VerifyAsync(report, await Dkimpy.RecordsAsync(_keys.Folder, Domain)), Is.EqualTo(new[] { true, true }));
    }

    /// <summary>Sends <paramref name="data"/> (ending in CRLF.CRLF) from gv@sender.example to the group over MX.</summary>
    private async Task<string> SendToTheGroupAsync(string data)
    {
        var (smtp, _) = await SmtpDialog.ConnectAsync(_smtp.MxPort);
        using var _1 = smtp;
        await smtp.CommandAsync("EHLO sender.example");
        await smtp.CommandAsync("MAIL FROM:<gv@sender.example>");
        Assert.That(await smtp.CommandAsync($"RCPT TO:<{A("totoan")}>"), Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync("DATA"), Does.StartWith("354"));
        return await smtp.SendAsync(data);
    }

    private async Task SubmitAsync(string login, string from, params string[] recipients)
    {
        using var client = new SmtpClient { ServerCertificateValidationCallback = TestCertificate.Pin(_smtp.Certificate) };
        await client.ConnectAsync("127.0.0.1", _smtp.SubmissionPort, SecureSocketOptions.StartTls);
        await client.AuthenticateAsync(login, GoodPassword);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Nguyễn Văn An", from));
        message.To.AddRange(recipients.Select(r => new MailboxAddress(null, r)));
        message.Subject = "Báo cáo tháng 11 của tổ Toán";
        message.Body = new Multipart("mixed")
        {
            new TextPart("plain") { Text = "Kính gửi Trưởng phòng,\r\nTổ Toán gửi báo cáo tháng 11.\r\n" },
            new TextPart("plain") { Text = "Ghi chú: họp lúc 14 giờ.", ContentTransferEncoding = ContentEncoding.QuotedPrintable },
        };
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    /// <summary>The spooled messages without their envelope line.</summary>
    private List<byte[]> SpooledMessages() => _smtp.Spool.Pending().Select(file =>
    {
        var bytes = File.ReadAllBytes(file);
        var body = Array.IndexOf(bytes, (byte)'\n') + 1;
        return bytes[body..];
    }).ToList();

    private async Task<byte[]> StoredAsync(string account)
    {
        var inbox = _smtp.Store.Index.Mailboxes(account)[0];
        var (hash, _) = _smtp.Store.Index.Message(inbox.Id, inbox.Messages)!.Value;
        return await File.ReadAllBytesAsync(_smtp.Store.Bodies.PathOf(hash));
    }

    private static string[] Signatures(byte[] message)
    {
        using var stream = new MemoryStream(message);
        return HeaderList.Load(stream).Where(h => h.Id == HeaderId.DkimSignature).Select(h => h.Value.Replace(" ", string.Empty, StringComparison.Ordinal)).ToArray();
    }
}
