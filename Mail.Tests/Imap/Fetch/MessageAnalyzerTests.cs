using System.Text.Json;
using Mail.Server.Store;

namespace Mail.Tests.Imap.Fetch;

/// <summary>What delivery caches for FETCH: offsets into the stored file, raw display names, the sender's case.</summary>
internal sealed class MessageAnalyzerTests
{
    [Test]
    public async Task Offsets_OfNestedMultipartsWithPreamblesAndAForwardedMessage()
    {
        var message = FetchSamples.Nested;
        var root = (await FetchSamples.AnalyzeAsync(message)).Structure;
        var alternative = root.Children[0];
        var headerless = root.Children[1];
        var forwarded = root.Children[2];
        var embedded = forwarded.Children[0];

        Assert.Multiple(() =>
        {
            Assert.That(root.HeaderOffset, Is.Zero);
            Assert.That(FetchSamples.Between(message, root.HeaderOffset, root.BodyOffset), Does.StartWith("From: a@b.c\r\n").And.EndWith("boundary=outer\r\n\r\n"));
            Assert.That(root.EndOffset, Is.EqualTo(FetchSamples.Bytes(message).Length));

            Assert.That(FetchSamples.Between(message, alternative.HeaderOffset, alternative.BodyOffset), Is.EqualTo("Content-Type: multipart/alternative; boundary=inner\r\n\r\n"));
            Assert.That(FetchSamples.Between(message, alternative.BodyOffset, alternative.EndOffset), Does.StartWith("inner preamble\r\n").And.EndWith("--inner--\r\ninner epilogue"));
            Assert.That(FetchSamples.Between(message, alternative.Children[0].BodyOffset, alternative.Children[0].EndOffset), Is.EqualTo("plain text"));
            Assert.That(FetchSamples.Between(message, alternative.Children[1].HeaderOffset, alternative.Children[1].EndOffset), Is.EqualTo("Content-Type: text/html\r\n\r\n<p>html</p>"));

            // A part without header lines starts with the blank line: its MIME header is just that CRLF.
            Assert.That(FetchSamples.Between(message, headerless.HeaderOffset, headerless.BodyOffset), Is.EqualTo("\r\n"));
            Assert.That(FetchSamples.Between(message, headerless.BodyOffset, headerless.EndOffset), Is.EqualTo("no headers part"));

            Assert.That(forwarded.IsEncapsulatedMessage, Is.True);
            Assert.That(FetchSamples.Between(message, forwarded.HeaderOffset, forwarded.BodyOffset), Is.EqualTo("Content-Type: message/rfc822\r\n\r\n"));
            Assert.That(embedded.HeaderOffset, Is.EqualTo(forwarded.BodyOffset));
            Assert.That(FetchSamples.Between(message, embedded.HeaderOffset, embedded.BodyOffset), Is.EqualTo("From: x@y.z\r\nSubject: fwd\r\nContent-Type: multipart/mixed; boundary=emb\r\n\r\n"));
            Assert.That(FetchSamples.Between(message, embedded.Children[0].BodyOffset, embedded.Children[0].EndOffset), Is.EqualTo("embedded text"));
            Assert.That(forwarded.EndOffset, Is.EqualTo(embedded.EndOffset));
        });
    }

    [Test]
    public async Task Offsets_AgreeWithOctetsEverywhere()
    {
        foreach (var message in new[] { FetchSamples.Vietnamese, FetchSamples.Mixed, FetchSamples.Forwarded, FetchSamples.HeaderlessPart, FetchSamples.Nested })
        {
            var root = (await FetchSamples.AnalyzeAsync(message)).Structure;
            foreach (var part in All(root))
            {
                Assert.That(part.HasOffsets, Is.True);
                Assert.That(part.HeaderOffset!.Value, Is.LessThanOrEqualTo(part.BodyOffset!.Value));
                Assert.That(part.EndOffset - part.BodyOffset, Is.EqualTo(part.Octets));
            }
        }
    }

    [TestCase("")]
    [TestCase("just a body\r\n")]
    public async Task Offsets_CountFromWhereTheStreamStood(string junkOrMessage)
    {
        // The store analyses mail received over SMTP from the caller's stream, which need not start at 0.
        var message = junkOrMessage.Length > 0 ? junkOrMessage : FetchSamples.Forwarded;
        using var stream = new MemoryStream(FetchSamples.Bytes("PREFIX" + message));
        stream.Position = 6;
        var shifted = (await MessageAnalyzer.AnalyzeAsync(stream, CancellationToken.None)).Structure;
        var plain = (await FetchSamples.AnalyzeAsync(message)).Structure;
        Assert.That(All(shifted).Select(p => (p.HeaderOffset, p.BodyOffset, p.EndOffset)), Is.EqualTo(All(plain).Select(p => (p.HeaderOffset, p.BodyOffset, p.EndOffset))));
    }

    [Test]
    public async Task PartWhoseHeaderRunsIntoTheBoundary_HasAnEmptyBody_AndNoNegativeLines()
    {
        var message = "From: a@b.c\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\nContent-Type: text/plain\r\n--b\r\nContent-Type: text/plain\r\n\r\n--b--\r\n";
        var root = (await FetchSamples.AnalyzeAsync(message)).Structure;
        Assert.Multiple(() =>
        {
            Assert.That(root.Children.Select(c => (c.Octets, c.Lines)), Is.EqualTo(new[] { (0L, 0), (0L, 0) }));
            Assert.That(FetchSamples.Between(message, root.Children[0].HeaderOffset, root.Children[0].BodyOffset), Is.EqualTo("Content-Type: text/plain"));
        });
    }

    [TestCase("just a body\r\n")]
    [TestCase("")]
    public async Task MessageWithoutAHeaderLine_IsAllHeader_AsDovecotTakesIt(string message)
    {
        var analysis = await FetchSamples.AnalyzeAsync(message);
        var length = FetchSamples.Bytes(message).Length;
        Assert.Multiple(() =>
        {
            Assert.That((analysis.Structure.HeaderOffset, analysis.Structure.BodyOffset, analysis.Structure.EndOffset), Is.EqualTo(((long?)0, (long?)length, (long?)length)));
            Assert.That((analysis.Structure.Type, analysis.Structure.Subtype, analysis.Structure.Octets), Is.EqualTo(("text", "plain", 0L)));
            Assert.That(analysis.Envelope.From, Is.Empty);
        });
    }

    [Test]
    public void RowsWrittenBeforeOffsets_DeserializeWithoutThem()
    {
        const string Old = """
            {"Type":"text","Subtype":"plain","Parameters":{"charset":"us-ascii"},"ContentId":null,"Description":null,
             "TransferEncoding":"7bit","Octets":4,"Lines":1,"Disposition":null,"DispositionParameters":null,"Language":null,
             "Location":null,"Md5":null,"Children":[],"MessageEnvelope":null}
            """;
        var part = JsonSerializer.Deserialize<CachedPart>(Old)!;
        Assert.That((part.HeaderOffset, part.BodyOffset, part.EndOffset, part.HasOffsets), Is.EqualTo(((long?)null, (long?)null, (long?)null, false)));
    }

    [Test]
    public async Task Offsets_SurviveTheIndexJson()
    {
        var structure = (await FetchSamples.AnalyzeAsync(FetchSamples.Forwarded)).Structure;
        var json = JsonSerializer.Serialize(structure);
        var back = JsonSerializer.Deserialize<CachedPart>(json)!;
        Assert.That(All(back).Select(p => (p.HeaderOffset, p.BodyOffset, p.EndOffset)), Is.EqualTo(All(structure).Select(p => (p.HeaderOffset, p.BodyOffset, p.EndOffset))));
        Assert.That(json, Does.Not.Contain("IsMultipart"));
    }

    [Test]
    public async Task DisplayNames_AreKeptAsWrittenInTheHeader()
    {
        var message = "From: =?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?= <annv@truong.edu.vn>\r\n" +
            "To: Team: \"Doe, \\\"JD\\\" John\" <john@example.com>, bare@example.com (Bare  Name);, <@route.example:routed@example.com>\r\n" +
            "Cc: Lê   Văn\r\n  C <le@example.com>, =?utf-8?Q?x?= <nomatch@example.com>\r\n" +
            "Subject: x\r\n\r\nbody\r\n";
        var envelope = (await FetchSamples.AnalyzeAsync(message)).Envelope;
        Assert.Multiple(() =>
        {
            Assert.That(envelope.From.Single(), Is.EqualTo(new CachedAddress("=?UTF-8?B?Tmd1eeG7hW4gVsSDbiBBbg==?=", "annv", "truong.edu.vn")));
            Assert.That(envelope.Sender, Is.EqualTo(envelope.From));
            Assert.That(envelope.ReplyTo, Is.EqualTo(envelope.From));
            Assert.That(envelope.To, Is.EqualTo(new[]
            {
                new CachedAddress("Doe, \"JD\" John", "john", "example.com"),
                new CachedAddress("Bare Name", "bare", "example.com"),
                new CachedAddress(null, "routed", "example.com"),
            }));
            Assert.That(envelope.Cc, Is.EqualTo(new[]
            {
                new CachedAddress("Lê Văn C", "le", "example.com"),
                new CachedAddress("=?utf-8?Q?x?=", "nomatch", "example.com"),
            }));
        });
    }

    [Test]
    public async Task RepeatedParametersAndHeaders_DoNotFailTheDelivery_AndTheFirstWins()
    {
        var message = "From: a@b.c\r\nContent-Type: text/plain; charset=utf-8; charset=iso-8859-1\r\nContent-Type: text/html\r\nContent-Disposition: INLINE\r\n\r\nx\r\n";
        var structure = (await FetchSamples.AnalyzeAsync(message)).Structure;
        Assert.That((structure.Subtype, structure.Parameters["charset"], structure.Disposition), Is.EqualTo(("plain", "utf-8", "INLINE")));
    }

    private static IEnumerable<CachedPart> All(CachedPart part) => part.Children.SelectMany(All).Prepend(part);
}
