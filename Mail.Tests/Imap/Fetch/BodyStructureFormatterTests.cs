using Mail.Server.Imap.Fetch;
using Mail.Server.Store;

namespace Mail.Tests.Imap.Fetch;

/// <remarks>Two deliberate differences from Dovecot show up as explicit replacements: (1) a part whose content does
/// not end in a line break (every part before a boundary, whose CRLF belongs to the boundary) counts its last line —
/// MimeKit's count, which the store has always kept — where Dovecot counts line breaks; (2) an encapsulated message
/// whose multipart body ends at its close delimiter ends there (RFC 2046 5.1.1) where Dovecot adds the CRLF after it.
/// Sizes always agree with the octets BODY[part] returns.</remarks>
internal sealed class BodyStructureFormatterTests
{
    [Test]
    public async Task Vietnamese_MatchesDovecot_InTheSendersCase()
    {
        var structure = (await FetchSamples.AnalyzeAsync(FetchSamples.Vietnamese)).Structure;
        Assert.Multiple(() =>
        {
            Assert.That(BodyStructure(structure), Is.EqualTo(DovecotAnswers.VietnameseBodyStructure));
            Assert.That(Body(structure), Is.EqualTo(DovecotAnswers.VietnameseBody));
        });
    }

    [Test]
    public async Task AlternativeInMixedWithAttachment_MatchesDovecot_ButForLastLinesWithoutBreak()
    {
        var structure = (await FetchSamples.AnalyzeAsync(FetchSamples.Mixed)).Structure;
        Assert.Multiple(() =>
        {
            Assert.That(BodyStructure(structure), Is.EqualTo(CountLastLines(DovecotAnswers.MixedBodyStructure, ("46 1", "46 2"), ("24 0", "24 1"))));
            Assert.That(Body(structure), Is.EqualTo(CountLastLines(DovecotAnswers.MixedBody, ("46 1", "46 2"), ("24 0", "24 1"))));
        });
    }

    [Test]
    public async Task ForwardedMessage_MatchesDovecot()
    {
        var structure = (await FetchSamples.AnalyzeAsync(FetchSamples.Forwarded)).Structure;
        Assert.Multiple(() =>
        {
            Assert.That(BodyStructure(structure), Is.EqualTo(DovecotAnswers.ForwardedBodyStructure));
            Assert.That(Body(structure), Is.EqualTo(DovecotAnswers.ForwardedBody));
        });
    }

    [Test]
    public async Task PartWithoutHeaders_IsTextPlainUsAscii_LikeDovecot()
    {
        var structure = (await FetchSamples.AnalyzeAsync(FetchSamples.HeaderlessPart)).Structure;
        Assert.Multiple(() =>
        {
            Assert.That(BodyStructure(structure), Is.EqualTo(CountLastLines(DovecotAnswers.HeaderlessPartBodyStructure, ("22 0", "22 1"), ("6 0", "6 1"))));
            Assert.That(Body(structure), Is.EqualTo(CountLastLines(DovecotAnswers.HeaderlessPartBody, ("22 0", "22 1"), ("6 0", "6 1"))));
        });
    }

    [Test]
    public async Task NestedWithForwardedMultipart_MatchesDovecot_ButEndsTheMessageAtItsCloseDelimiter()
    {
        var structure = (await FetchSamples.AnalyzeAsync(FetchSamples.Nested)).Structure;
        var expected = CountLastLines(DovecotAnswers.NestedBodyStructure, ("10 0", "10 1"), ("11 0", "11 1"), ("15 0", "15 1"), ("13 0", "13 1"), ("\"7bit\" 133", "\"7bit\" 131"));
        Assert.That(BodyStructure(structure), Is.EqualTo(expected));
    }

    [Test]
    public void RawUtf8ParameterValues_GoOutAsLiterals_AsDovecotSendsThem_OrQuotedWhenUtf8IsEnabled()
    {
        var part = Leaf("application", "pdf", new Dictionary<string, string> { ["name"] = "Lịch tuần.pdf" }) with
        {
            Disposition = "attachment",
            DispositionParameters = new Dictionary<string, string> { ["filename"] = "Lịch tuần.pdf" },
        };

        Assert.Multiple(() =>
        {
            Assert.That(BodyStructure(part), Is.EqualTo(
                "(\"application\" \"pdf\" (\"name\" {17}\r\nLịch tuần.pdf) NIL NIL \"base64\" 10 NIL (\"attachment\" (\"filename\" {17}\r\nLịch tuần.pdf)) NIL NIL)"));
            Assert.That(
                FetchSamples.Render(output => BodyStructureFormatter.WriteBodyStructure(output, part, utf8Quoted: true)),
                Is.EqualTo("(\"application\" \"pdf\" (\"name\" \"Lịch tuần.pdf\") NIL NIL \"base64\" 10 NIL (\"attachment\" (\"filename\" \"Lịch tuần.pdf\")) NIL NIL)"));
        });
    }

    [Test]
    public void MultipartWithoutParts_StillHasOneBody()
    {
        var part = Leaf("multipart", "mixed", new Dictionary<string, string> { ["boundary"] = "x" }) with { TransferEncoding = null };
        Assert.That(Body(part), Is.EqualTo("((\"text\" \"plain\" (\"charset\" \"us-ascii\") NIL NIL \"7bit\" 0 0) \"mixed\")"));
    }

    [Test]
    public void EmptyParameterLists_AreNil()
    {
        Assert.That(Body(Leaf("image", "png", new Dictionary<string, string>())), Is.EqualTo("(\"image\" \"png\" NIL NIL NIL \"base64\" 10)"));
    }

    private static CachedPart Leaf(string type, string subtype, Dictionary<string, string> parameters) =>
        new(type, subtype, parameters, null, null, "base64", 10, 1, null, null, null, null, null, [], null);

    private static string CountLastLines(string dovecot, params (string Dovecot, string Ours)[] differences)
    {
        foreach (var (theirs, ours) in differences)
        {
            dovecot = dovecot.Replace(theirs, ours, StringComparison.Ordinal);
        }

        return dovecot;
    }

    private static string BodyStructure(CachedPart part) =>
        FetchSamples.Render(output => BodyStructureFormatter.WriteBodyStructure(output, part, utf8Quoted: false));

    private static string Body(CachedPart part) =>
        FetchSamples.Render(output => BodyStructureFormatter.WriteBody(output, part, utf8Quoted: false));
}
