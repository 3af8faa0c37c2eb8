using System.Text;
using Mail.Server.Imap;
using Mail.Server.Imap.Fetch;
using Mail.Server.Store;

namespace Mail.Tests.Imap.Fetch;

/// <remarks>Expected octets are what Dovecot 2.3 returned for the same messages (recorded with
/// /work/shared/tools/reference-servers.sh), except where a test says otherwise.</remarks>
internal sealed class SectionReaderTests
{
    [Test]
    public async Task WholeMessageAndText_RunToTheEndOfTheFile()
    {
        var message = FetchSamples.Nested;
        Assert.That(await Read(message, ""), Is.EqualTo(message));
        Assert.That(await Read(message, "TEXT"), Is.EqualTo(message[message.IndexOf("This is the preamble.", StringComparison.Ordinal)..]));
    }

    [Test]
    public async Task NestedMultipart_IsItsContentWithPreambleAndEpilogue()
    {
        Assert.That(
            await Read(FetchSamples.Nested, "1"),
            Is.EqualTo("inner preamble\r\n--inner\r\nContent-Type: text/plain\r\n\r\nplain text\r\n--inner\r\nContent-Type: text/html\r\n\r\n<p>html</p>\r\n--inner--\r\ninner epilogue"));
    }

    [TestCase("HEADER", "From: a@b.c\r\nSubject: test\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n")]
    [TestCase("1.MIME", "Content-Type: multipart/alternative; boundary=inner\r\n\r\n")]
    [TestCase("1.1", "plain text")]
    [TestCase("1.2", "<p>html</p>")]
    [TestCase("1.2.MIME", "Content-Type: text/html\r\n\r\n")]
    [TestCase("2", "no headers part")]
    [TestCase("2.MIME", "\r\n")]
    [TestCase("3.MIME", "Content-Type: message/rfc822\r\n\r\n")]
    [TestCase("3.HEADER", "From: x@y.z\r\nSubject: fwd\r\nContent-Type: multipart/mixed; boundary=emb\r\n\r\n")]
    [TestCase("3.1", "embedded text")]
    [TestCase("3.1.MIME", "Content-Type: text/plain\r\n\r\n")]
    [TestCase("3.HEADER.FIELDS (subject)", "Subject: fwd\r\n\r\n")]
    public async Task NestedMessage_EachSectionKind(string section, string expected)
    {
        Assert.That(await Read(FetchSamples.Nested, section), Is.EqualTo(expected));
    }

    [Test]
    public async Task ForwardedMultipart_EndsAtItsCloseDelimiter()
    {
        // Dovecot adds the CRLF after "--emb--" (133 octets; BODY[3.TEXT] 59); by RFC 2046 5.1.1 it belongs to the
        // outer boundary. Our BODYSTRUCTURE says 131, so the literal and the structure agree.
        var embedded = "From: x@y.z\r\nSubject: fwd\r\nContent-Type: multipart/mixed; boundary=emb\r\n\r\n--emb\r\nContent-Type: text/plain\r\n\r\nembedded text\r\n--emb--";
        Assert.That(await Read(FetchSamples.Nested, "3"), Is.EqualTo(embedded));
        Assert.That(await Read(FetchSamples.Nested, "3.TEXT"), Is.EqualTo(embedded[embedded.IndexOf("--emb\r\n", StringComparison.Ordinal)..]));
    }

    [TestCase("9")]
    [TestCase("3.2")]
    [TestCase("1.1.HEADER")]
    [TestCase("1.1.TEXT")]
    [TestCase("2.1")]
    [TestCase("1.3")]
    [TestCase("3.1.1")]
    public async Task MissingPartsAndHeaderOfANonMessage_AreEmpty(string section)
    {
        Assert.That(await Read(FetchSamples.Nested, section), Is.Empty);
    }

    [TestCase("1", "Chuyển tiếp thư bên dưới.\r\n")]
    [TestCase("2.MIME", "Content-Type: message/rfc822\r\nContent-Disposition: inline\r\n\r\n")]
    [TestCase("2.TEXT", "Họp tổ lúc 14 giờ.\r\nPhòng 201.\r\n")]
    [TestCase("2.1", "Họp tổ lúc 14 giờ.\r\nPhòng 201.\r\n")]
    [TestCase("2.HEADER.FIELDS (subject from)", "From: \"Nguyễn Văn An\" <annv@truong.edu.vn>\r\nSubject: =?UTF-8?B?SOG7jXAgdOG7lQ==?=\r\n\r\n")]
    public async Task ForwardedMessage_SectionsInsideTheMessageRfc822(string section, string expected)
    {
        Assert.That(await Read(FetchSamples.Forwarded, section), Is.EqualTo(expected));
    }

    [Test]
    public async Task ForwardedMessage_TheWholeEncapsulatedMessage_AndItsBodyMime()
    {
        var message = FetchSamples.Forwarded;
        var start = message.IndexOf("From: \"Nguyễn", StringComparison.Ordinal);
        var end = message.IndexOf("\r\n--fwd1--", StringComparison.Ordinal);
        var embedded = message[start..end];
        Assert.That(await Read(message, "2"), Is.EqualTo(embedded));
        Assert.That(FetchSamples.Bytes(embedded), Has.Length.EqualTo(461));

        // RFC 9051 6.4.5: 2.1 is the body of the forwarded message; its MIME header is that message's header.
        Assert.That(await Read(message, "2.1.MIME"), Is.EqualTo(embedded[..(embedded.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)]));
    }

    [Test]
    public async Task HeaderFields_KeepsFoldedLinesInOrder_IgnoringCase()
    {
        var text = await Read(FetchSamples.Vietnamese, "HEADER.FIELDS (from SUBJECT)");
        Assert.That(text, Is.EqualTo(
            "From: =?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?= <annv@truong.edu.vn>\r\n" +
            "Subject: =?UTF-8?B?TOG7i2NoIGjhu41wIHThu5UgVG/DoW4=?=\r\n =?UTF-8?Q?_tu=E1=BA=A7n_n=C3=A0y?=\r\n\r\n"));
    }

    [Test]
    public async Task HeaderFieldsNot_KeepsEveryOtherField()
    {
        var text = await Read(FetchSamples.Vietnamese, "HEADER.FIELDS.NOT (return-path to cc subject date message-id in-reply-to mime-version)");
        Assert.That(text, Is.EqualTo(
            "From: =?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?= <annv@truong.edu.vn>\r\n" +
            "Content-Type: TEXT/PLAIN; CHARSET=UTF-8; Format=Flowed\r\nContent-Transfer-Encoding: 8BIT\r\nContent-Language: vi\r\n\r\n"));
    }

    [Test]
    public async Task HeaderFields_SpacedColonsRepeatsAndNoMatch()
    {
        var message = "Received: from a\r\n\tby b; Mon, 1 Jan 2026\r\nX-Long: one\r\n two\r\n  three\r\nsubject : spaced\r\nFrom: x@y.z\r\nReceived: second\r\nSubject:\r\n\r\nbody";
        Assert.Multiple(async () =>
        {
            // Same octets as Dovecot's answer for this message.
            Assert.That(
                await Read(message, "HEADER.FIELDS (x-long SUBJECT received)"),
                Is.EqualTo("Received: from a\r\n\tby b; Mon, 1 Jan 2026\r\nX-Long: one\r\n two\r\n  three\r\nsubject : spaced\r\nReceived: second\r\nSubject:\r\n\r\n"));
            Assert.That(await Read(message, "HEADER.FIELDS (X-NONE)"), Is.EqualTo("\r\n"));
            Assert.That(await Read(message, "HEADER.FIELDS.NOT (received x-long subject)"), Is.EqualTo("From: x@y.z\r\n\r\n"));
        });
    }

    [TestCase("HEADER.FIELDS.NOT (to cc subject)", 5L, 20L, "n-Path: <annv@truong")]
    [TestCase("", 10L, 5L, "h: <a")]
    [TestCase("1", 500L, 10L, "")]
    [TestCase("TEXT", 1L, 3L, "ín")]
    [TestCase("HEADER.FIELDS (FROM)", 1000L, 3L, "")]
    public async Task PartialRanges_SliceTheSection_AndPastTheEndIsEmpty(string section, long offset, long count, string expected)
    {
        Assert.That(await Read(FetchSamples.Vietnamese, section, new FetchPartial(offset, count)), Is.EqualTo(expected));
    }

    [Test]
    public async Task PartialRange_InsideAnEncapsulatedHeader()
    {
        Assert.That(await Read(FetchSamples.Forwarded, "2.HEADER", new FetchPartial(10, 20)), Is.EqualTo("yễn Văn An\" <annv"));
    }

    [Test]
    public async Task Binary_DecodesQuotedPrintableAndBase64()
    {
        Assert.Multiple(async () =>
        {
            Assert.That(Encoding.UTF8.GetString(await ReadBinary(FetchSamples.Mixed, "1.1")), Is.EqualTo("Thông báo họp tổ."));
            Assert.That(Encoding.UTF8.GetString(await ReadBinary(FetchSamples.Mixed, "1.2")), Is.EqualTo("<p>Thông báo</p>"));
            Assert.That(await ReadBinary(FetchSamples.Mixed, "2"), Is.EqualTo(FetchSamples.Attachment));
            Assert.That(await ReadBinary(FetchSamples.Mixed, "2", new FetchPartial(250, 10)), Is.EqualTo(FetchSamples.Attachment[250..]));
            Assert.That(await ReadBinary(FetchSamples.Mixed, "2", new FetchPartial(300, 10)), Is.Empty);
            Assert.That(await ReadBinary(FetchSamples.Mixed, "9"), Is.Empty);
            Assert.That(Encoding.UTF8.GetString(await ReadBinary(FetchSamples.Vietnamese, "1")), Is.EqualTo("Kính gửi các thầy cô,\r\nHọp tổ lúc 14 giờ.\r\n"));
        });
    }

    [TestCase("1.1", 23L)]
    [TestCase("1.2", 18L)]
    [TestCase("2", 256L)]
    [TestCase("9", 0L)]
    public async Task BinarySize_IsTheDecodedLength(string section, long size)
    {
        await using var file = new MemoryStream(FetchSamples.Bytes(FetchSamples.Mixed));
        var reader = await Open(file, FetchSamples.Mixed);
        Assert.That(await reader.BinarySizeAsync(Section(section), CancellationToken.None), Is.EqualTo(size));
    }

    [Test]
    public async Task Binary_OfAMultipartOrTheWholeMessage_IsTheStoredOctets()
    {
        var message = FetchSamples.Mixed;
        Assert.Multiple(async () =>
        {
            Assert.That(await ReadBinary(message, ""), Is.EqualTo(FetchSamples.Bytes(message)));
            Assert.That(Encoding.UTF8.GetString(await ReadBinary(message, "1")), Is.EqualTo(await Read(message, "1")));
        });
    }

    [Test]
    public async Task Binary_UnknownTransferEncoding_IsUnknownCte()
    {
        var message = FetchSamples.Nested.Replace("Content-Type: text/html\r\n", "Content-Type: text/html\r\nContent-Transfer-Encoding: x-uuencode\r\n", StringComparison.Ordinal);
        await using var file = new MemoryStream(FetchSamples.Bytes(message));
        var reader = await Open(file, message);

        Assert.That(reader.CanDecode(Section("1.2")), Is.False);
        Assert.That(reader.CanDecode(Section("1.1")), Is.True);
        Assert.That(reader.CanDecode(Section("1")), Is.True);
        var failure = Assert.ThrowsAsync<ImapNoException>(async () => await reader.ReadBinaryAsync(Section("1.2"), null, CancellationToken.None));
        Assert.That(failure!.Message, Does.StartWith("[UNKNOWN-CTE]"));
        Assert.ThrowsAsync<ImapNoException>(async () => await reader.BinarySizeAsync(Section("1.2"), CancellationToken.None));
    }

    [Test]
    public async Task LargeAttachment_IsStreamed_NotBuffered()
    {
        var attachment = new byte[3 * 1024 * 1024];
        new Random(7).NextBytes(attachment);
        var message = "From: a@b.c\r\nContent-Type: multipart/mixed; boundary=z\r\n\r\n--z\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--z\r\n" +
            "Content-Type: application/octet-stream\r\nContent-Transfer-Encoding: base64\r\n\r\n" +
            Convert.ToBase64String(attachment, Base64FormattingOptions.InsertLineBreaks) + "\r\n--z--\r\n";
        await using var file = new MemoryStream(FetchSamples.Bytes(message));
        var reader = await Open(file, message);

        using (var raw = await reader.ReadAsync(Section("2"), null, CancellationToken.None))
        {
            Assert.That(raw.IsBuffered, Is.False);
            Assert.That(raw.Length, Is.EqualTo(reader.Structure.Children[1].Octets));
        }

        Assert.That(await reader.BinarySizeAsync(Section("2"), CancellationToken.None), Is.EqualTo(attachment.Length));
        using (var decoded = await reader.ReadBinaryAsync(Section("2"), null, CancellationToken.None))
        {
            Assert.That(decoded.IsBuffered, Is.False);
            Assert.That(decoded.Length, Is.EqualTo(attachment.Length));
            Assert.That(await Drain(decoded), Is.EqualTo(attachment));
        }

        using var window = await reader.ReadBinaryAsync(Section("2"), new FetchPartial(1_000_000, 100_000), CancellationToken.None);
        Assert.That(window.Length, Is.EqualTo(100_000));
        var first = new byte[10];
        window.Content.ReadExactly(first);
        Assert.That(first, Is.EqualTo(attachment[1_000_000..1_000_010]));
        Assert.That(await Drain(window), Is.EqualTo(attachment[1_000_010..1_100_000]));
    }

    [Test]
    public async Task SectionsOfOneMessage_CanBeReadInterleaved()
    {
        var message = FetchSamples.Nested;
        await using var file = new MemoryStream(FetchSamples.Bytes(message));
        var reader = await Open(file, message);
        using var first = await reader.ReadAsync(Section("1.1"), null, CancellationToken.None);
        using var second = await reader.ReadAsync(Section("3.1"), null, CancellationToken.None);
        var a = new byte[5];
        var b = new byte[5];
        await first.Content.ReadExactlyAsync(a);
        await second.Content.ReadExactlyAsync(b);
        Assert.That(Encoding.ASCII.GetString(a) + Encoding.ASCII.GetString(b), Is.EqualTo("plainembed"));
        Assert.That(Encoding.ASCII.GetString(await Drain(first)), Is.EqualTo(" text"));
    }

    [Test]
    public async Task StructureCachedBeforeOffsets_IsRebuiltFromTheFile()
    {
        var message = FetchSamples.Forwarded;
        var analysis = await FetchSamples.AnalyzeAsync(message);
        var json = System.Text.Json.JsonSerializer.Serialize(analysis.Structure);
        var old = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Strip(old);
        var stale = System.Text.Json.JsonSerializer.Deserialize<CachedPart>(old.ToJsonString())!;
        Assert.That(stale.HasOffsets, Is.False);

        await using var file = new MemoryStream(FetchSamples.Bytes(message));
        var reader = await SectionReader.OpenAsync(file, stale, null, CancellationToken.None);
        using var content = await reader.ReadAsync(Section("2.1"), null, CancellationToken.None);
        Assert.That(Encoding.UTF8.GetString(await Drain(content)), Is.EqualTo("Họp tổ lúc 14 giờ.\r\nPhòng 201.\r\n"));

        static void Strip(System.Text.Json.Nodes.JsonNode node)
        {
            var part = node.AsObject();
            part.Remove("HeaderOffset");
            part.Remove("BodyOffset");
            part.Remove("EndOffset");
            foreach (var child in part["Children"]!.AsArray())
            {
                Strip(child!);
            }
        }
    }

    [Test]
    public async Task StoredMessage_IsReadFromItsBodyFile()
    {
        var root = Mail.Tests.Fixtures.TestFolder.New("fetch");
        try
        {
            var store = new MessageStore(root);
            await using (var input = new MemoryStream(FetchSamples.Bytes(FetchSamples.Mixed)))
            {
                await store.DeliverAsync(input, ["annv@truong.edu.vn"], DateTimeOffset.UtcNow, CancellationToken.None);
            }

            var inbox = store.Index.Mailboxes("annv@truong.edu.vn")[0];
            var (hash, analysis) = store.Index.Message(inbox.Id, 1)!.Value;
            await using var file = store.Bodies.OpenRead(hash);
            var reader = await SectionReader.OpenAsync(file, analysis.Structure, null, CancellationToken.None);
            using var content = await reader.ReadBinaryAsync(Section("2"), null, CancellationToken.None);
            Assert.That(await Drain(content), Is.EqualTo(FetchSamples.Attachment));
            using var mime = await reader.ReadAsync(Section("1.2.MIME"), null, CancellationToken.None);
            Assert.That(Encoding.UTF8.GetString(await Drain(mime)), Is.EqualTo("Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"));
        }
        finally
        {
            Mail.Tests.Fixtures.TestFolder.Remove(root);
        }
    }

    private static FetchSection Section(string text)
    {
        Assert.That(FetchSection.TryParse(Encoding.ASCII.GetBytes(text), FetchSectionLimits.Default, out var section, out var error), Is.True, error);
        return section!;
    }

    private static async Task<SectionReader> Open(Stream file, string message) =>
        await SectionReader.OpenAsync(file, (await FetchSamples.AnalyzeAsync(message)).Structure, new SectionReaderOptions { MaxBufferedDecode = 64 * 1024 }, CancellationToken.None);

    private static async Task<string> Read(string message, string section, FetchPartial? partial = null)
    {
        await using var file = new MemoryStream(FetchSamples.Bytes(message));
        var reader = await Open(file, message);
        using var content = await reader.ReadAsync(Section(section), partial, CancellationToken.None);
        var octets = await Drain(content);
        Assert.That(octets, Has.Length.EqualTo(content.Length));
        return Encoding.UTF8.GetString(octets);
    }

    private static async Task<byte[]> ReadBinary(string message, string section, FetchPartial? partial = null)
    {
        await using var file = new MemoryStream(FetchSamples.Bytes(message));
        var reader = await Open(file, message);
        using var content = await reader.ReadBinaryAsync(Section(section), partial, CancellationToken.None);
        var octets = await Drain(content);
        Assert.That(octets, Has.Length.EqualTo(content.Length));
        return octets;
    }

    private static async Task<byte[]> Drain(SectionContent content)
    {
        using var copy = new MemoryStream();
        await content.Content.CopyToAsync(copy);
        return copy.ToArray();
    }
}
