using System.Text;
using System.Text.RegularExpressions;
using Mail.Server.Dkim;
using Mail.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mail.Tests.Dkim;

/// <summary>The signer with real keys on disk, checked by dkimpy: both algorithms over Vietnamese mail in every
/// encoding a client sends, oversigned From, tampering, key file modes and keys changed while the signer runs.</summary>
internal sealed partial class DkimMessageSignerTests
{
    private const string Domain = "truong.edu.vn";

    // Return-Path and Received stand in front as StoreDelivery writes them; they are not signed.
    private const string Trace =
        "Return-Path: <annv@truong.edu.vn>\r\n" +
        "Received: from [127.0.0.1] by mail.truong.edu.vn with ESMTPSA\r\n\tid 0123456789ABCDEF; Sun, 29 Nov 2026 08:00:01 +0700\r\n";

    private static readonly Dictionary<string, string> Messages = new()
    {
        ["encoded words, 8bit body"] = Trace +
            "From: =?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?= <annv@truong.edu.vn>\r\n" +
            "To: =?UTF-8?B?R2nDoW8gdmnDqm4=?= <giaovien@sgd.example>\r\n" +
            "Cc: binhtt@truong.edu.vn\r\n" +
            "Subject: =?UTF-8?B?TOG7i2NoIGjhu41wIHThu5UgVG/DoW4=?=\r\n" +
            "Date: Sun, 29 Nov 2026 08:00:00 +0700\r\n" +
            "Message-ID: <lich-hop@truong.edu.vn>\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "Content-Transfer-Encoding: 8bit\r\n" +
            "\r\n" +
            "Kính gửi các thầy cô,   \r\nHọp tổ Toán lúc 14 giờ thứ Hai.\r\n\r\n\r\n",
        ["raw UTF-8 headers (SMTPUTF8)"] = Trace +
            "From: \"Nguyễn Văn An\" <annv@truong.edu.vn>\r\n" +
            "To: Trưởng phòng <truongphong@sgd.example>\r\n" +
            "Subject: Lịch họp tổ Toán — tuần 48\r\n" +
            "Date: Sun, 29 Nov 2026 08:00:00 +0700\r\n" +
            "Message-ID: <tuan48@truong.edu.vn>\r\n" +
            "Reply-To: \"Văn thư\" <vanthu@truong.edu.vn>\r\n" +
            "In-Reply-To: <hoi@sgd.example>\r\n" +
            "References: <hoi@sgd.example>\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "Content-Transfer-Encoding: 8bit\r\n" +
            "\r\n" +
            "Đề nghị các đồng chí có mặt đúng giờ.\r\n",
        ["quoted-printable body"] = Trace +
            "From: annv@truong.edu.vn\r\n" +
            "To: truongphong@sgd.example\r\n" +
            "Subject: =?UTF-8?Q?B=C3=A1o_c=C3=A1o_th=C3=A1ng?=\r\n" +
            "MIME-Version: 1.0\r\n" +
            "Content-Type: text/plain; charset=utf-8\r\n" +
            "Content-Transfer-Encoding: quoted-printable\r\n" +
            "\r\n" +
            "K=C3=ADnh g=E1=BB=ADi ph=C3=B2ng gi=C3=A1o d=E1=BB=A5c, =\r\nb=C3=A1o c=C3=A1o th=C3=A1ng 11.\r\n",
        ["multipart with an attachment"] = Trace + SampleMessages.Multipart,
    };

    private string _root = null!;
    private DkimKeyring _keyring = null!;
    private DkimMessageSigner _signer = null!;

    private static IEnumerable<string> MessageNames => Messages.Keys;

    [SetUp]
    public async Task CreateKeysAsync()
    {
        _root = TestFolder.New("dkim");
        var folder = new DkimKeyFolder(Path.Combine(_root, "dkim"));
        _keyring = new DkimKeyring(folder, TimeProvider.System);
        await _keyring.EnsureActiveAsync(Domain, CancellationToken.None);
        _signer = new DkimMessageSigner(folder, NullLogger<DkimMessageSigner>.Instance);
    }

    [TearDown]
    public void RemoveKeys() => TestFolder.Remove(_root);

    [TestCaseSource(nameof(MessageNames))]
    public async Task Sign_VietnameseMessage_BothSignaturesVerifyInDkimpy_AndTheMessageIsUnchanged(string name)
    {
        var original = Encoding.UTF8.GetBytes(Messages[name]);
        var signed = await SignAsync(original);

        Assert.That(await Dkimpy.VerifyAsync(signed, await RecordsAsync()), Is.EqualTo(new[] { true, true }));
        var headers = SignatureHeaders(signed);
        Assert.That(headers.Select(h => AlgorithmTag().Match(h).Groups[1].Value), Is.EquivalentTo(new[] { "rsa-sha256", "ed25519-sha256" }));
        Assert.That(headers, Has.All.Contains("d=truong.edu.vn;").And.All.Contains("c=relaxed/relaxed;"));
        Assert.That(signed.AsSpan(signed.Length - original.Length).SequenceEqual(original), Is.True, "the message after the signatures is byte-for-byte the original");
        Assert.That(Encoding.ASCII.GetString(signed, 0, signed.Length - original.Length), Does.Not.Match("[^\r]\n"), "the signature headers end lines with CRLF");
    }

    [Test]
    public async Task Sign_ListsThePresentHeaders_AndFromOnceMoreThanItOccurs()
    {
        var signed = await SignAsync(Encoding.UTF8.GetBytes(Messages["raw UTF-8 headers (SMTPUTF8)"]));
        var tags = SignatureHeaders(signed).Select(h => SignedHeadersTag().Match(h).Groups[1].Value.Split(':')).ToList();
        foreach (var h in tags)
        {
            Assert.That(h.Count(n => n == "from"), Is.EqualTo(2), "From is oversigned");
            Assert.That(h, Is.SupersetOf(new[] { "to", "subject", "date", "message-id", "reply-to", "in-reply-to", "references", "mime-version", "content-type", "content-transfer-encoding" }));
            Assert.That(h, Does.Not.Contain("cc").And.Not.Contain("received").And.Not.Contain("return-path"), "absent and trace headers are not signed");
        }
    }

    [Test]
    public async Task SecondFromAddedAfterSigning_FailsVerification()
    {
        var signed = Encoding.UTF8.GetString(await SignAsync(Encoding.UTF8.GetBytes(Messages["encoded words, 8bit body"])));
        var forged = signed.Replace("Return-Path:", "From: \"Ban giám hiệu\" <bgh@truong.edu.vn>\r\nReturn-Path:", StringComparison.Ordinal);
        Assert.That(await Dkimpy.VerifyAsync(Encoding.UTF8.GetBytes(forged), await RecordsAsync()), Is.EqualTo(new[] { false, false }));
    }

    [Test]
    public async Task BodyChangedAfterSigning_FailsVerification()
    {
        var signed = Encoding.UTF8.GetString(await SignAsync(Encoding.UTF8.GetBytes(SampleMessages.Multipart)));
        var tampered = signed.Replace("14 giờ", "16 giờ", StringComparison.Ordinal);
        Assert.That(tampered, Is.Not.EqualTo(signed));
        Assert.That(await Dkimpy.VerifyAsync(Encoding.UTF8.GetBytes(tampered), await RecordsAsync()), Is.EqualTo(new[] { false, false }));
    }

    [Test]
    public void KeyFiles_AreOwnerOnly()
    {
        var folder = _keyring.Folder;
        var pems = System.IO.Directory.GetFiles(folder.DomainFolder(Domain), "*.pem");
        Assert.That(pems, Has.Length.EqualTo(2));
        Assert.Multiple(() =>
        {
            foreach (var pem in pems)
            {
                Assert.That(File.GetUnixFileMode(pem), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), pem);
            }

            var ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Assert.That(File.GetUnixFileMode(folder.Root), Is.EqualTo(ownerOnly));
            Assert.That(File.GetUnixFileMode(folder.DomainFolder(Domain)), Is.EqualTo(ownerOnly));
        });
    }

    [Test]
    public async Task KeysGeneratedAndActivatedElsewhere_AreUsedWithoutANewSigner()
    {
        var message = Encoding.UTF8.GetBytes(Messages["quoted-printable body"]);
        var first = SignatureHeaders(await SignAsync(message));

        var pending = await _keyring.GenerateAsync(Domain, DkimAlgorithm.Rsa, "rsa-2027", CancellationToken.None);
        Assert.That(pending.State, Is.EqualTo(DkimKeyState.Pending));
        var whilePending = SignatureHeaders(await SignAsync(message));
        Assert.That(whilePending, Has.None.Contains("s=rsa-2027;"), "a pending key does not sign");

        await _keyring.ActivateAsync(Domain, "rsa-2027", CancellationToken.None);
        var signed = await SignAsync(message);
        var after = SignatureHeaders(signed);
        Assert.That(after, Has.Exactly(1).Contains("s=rsa-2027;"));
        Assert.That(after, Has.None.Contains(Selector(first, "rsa-sha256")), "the retired key signs no more");
        Assert.That(await Dkimpy.VerifyAsync(signed, await RecordsAsync()), Is.EqualTo(new[] { true, true }));
    }

    [Test]
    public async Task DomainWithoutKeys_IsNotSigned_AndLoggedOnce_WithoutTheMessage()
    {
        var log = new RecordingLogger<DkimMessageSigner>();
        var signer = new DkimMessageSigner(_keyring.Folder, log);
        var message = Encoding.UTF8.GetBytes(SampleMessages.Multipart);

        Assert.That(await signer.CanSignAsync("mail.truong.edu.vn", CancellationToken.None), Is.False);
        Assert.That(log.Entries, Is.Empty, "asking is not sending unsigned");
        Assert.That(await signer.SignAsync(message, "khac.edu.vn", CancellationToken.None), Is.Null);
        Assert.That(await signer.SignAsync(message, "KHAC.edu.vn", CancellationToken.None), Is.Null);
        Assert.That(await signer.SignAsync(message, "../../etc", CancellationToken.None), Is.Null, "not a domain, not a path");
        Assert.That(log.Entries.Select(e => e.Event.Id), Is.EqualTo(new[] { 7001 }));
        Assert.That(log.Entries.Single().Message, Does.Contain("khac.edu.vn has no active key").And.Not.Contain("Kính gửi"));
    }

    [Test]
    public async Task ZoneLine_SplitsTheRsaRecordAt255Octets()
    {
        var keys = await _keyring.Folder.ReadAsync(Domain, CancellationToken.None);
        var rsa = keys.Single(k => k.Algorithm == DkimAlgorithm.Rsa);
        var line = DkimDnsRecord.ZoneLine(Domain, rsa);
        var strings = QuotedString().Matches(line).Select(m => m.Groups[1].Value).ToList();
        Assert.That(line, Does.StartWith($"{rsa.Selector}._domainkey.truong.edu.vn. IN TXT ( \"v=DKIM1; k=rsa; p=MIIB").And.EndWith("\" )"));
        Assert.That(strings, Has.Count.EqualTo(2));
        Assert.That(strings[0], Has.Length.EqualTo(255));
        Assert.That(string.Concat(strings), Is.EqualTo(DkimDnsRecord.Text(rsa)));

        var ed = keys.Single(k => k.Algorithm == DkimAlgorithm.Ed25519);
        Assert.That(Convert.FromBase64String(ed.PublicKey), Has.Length.EqualTo(32), "the raw Ed25519 key (RFC 8463), not a SubjectPublicKeyInfo");
    }

    private async Task<byte[]> SignAsync(byte[] message) =>
        await _signer.SignAsync(message, Domain, CancellationToken.None) ?? throw new AssertionException("not signed");

    private Task<Dictionary<string, string>> RecordsAsync() => Dkimpy.RecordsAsync(_keyring.Folder, Domain);

    private static string Selector(List<string> headers, string algorithm) =>
        "s=" + SelectorTag().Match(headers.Single(h => h.Contains("a=" + algorithm, StringComparison.Ordinal))).Groups[1].Value + ";";

    /// <summary>The DKIM-Signature headers in front of a signed message, without their white space.</summary>
    private static List<string> SignatureHeaders(byte[] signed)
    {
        var text = Encoding.UTF8.GetString(signed);
        return DkimHeader().Matches(text).Select(m => Whitespace().Replace(m.Value, string.Empty)).ToList();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"^DKIM-Signature:[^\r\n]*(?:\r\n[ \t][^\r\n]*)*", RegexOptions.Multiline)]
    private static partial Regex DkimHeader();

    [GeneratedRegex(@"a=([a-z0-9-]+);")]
    private static partial Regex AlgorithmTag();

    [GeneratedRegex(@"s=([a-z0-9.-]+);")]
    private static partial Regex SelectorTag();

    [GeneratedRegex(@"h=([a-z0-9:-]+);")]
    private static partial Regex SignedHeadersTag();

    [GeneratedRegex("\"([^\"]*)\"")]
    private static partial Regex QuotedString();
}
