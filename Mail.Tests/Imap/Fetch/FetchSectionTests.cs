using System.Text;
using Mail.Server.Imap.Fetch;

namespace Mail.Tests.Imap.Fetch;

internal sealed class FetchSectionTests
{
    [TestCase("", "", FetchSectionText.None)]
    [TestCase("1", "1", FetchSectionText.None)]
    [TestCase("1.2.3", "1.2.3", FetchSectionText.None)]
    [TestCase("header", "HEADER", FetchSectionText.Header)]
    [TestCase("TEXT", "TEXT", FetchSectionText.Text)]
    [TestCase("2.Mime", "2.MIME", FetchSectionText.Mime)]
    [TestCase("3.HEADER", "3.HEADER", FetchSectionText.Header)]
    [TestCase("3.text", "3.TEXT", FetchSectionText.Text)]
    [TestCase("HEADER.FIELDS (from SUBJECT)", "HEADER.FIELDS (FROM SUBJECT)", FetchSectionText.HeaderFields)]
    [TestCase("header.fields.not (To)", "HEADER.FIELDS.NOT (TO)", FetchSectionText.HeaderFieldsNot)]
    [TestCase("2.3.HEADER.FIELDS (\"From\" x-none)", "2.3.HEADER.FIELDS (FROM X-NONE)", FetchSectionText.HeaderFields)]
    [TestCase("HEADER.FIELDS (\"X-We(ird\")", "HEADER.FIELDS (\"X-WE(IRD\")", FetchSectionText.HeaderFields)]
    [TestCase("HEADER.FIELDS ({7}\r\nSubject)", "HEADER.FIELDS (SUBJECT)", FetchSectionText.HeaderFields)]
    public void TryParse_ValidSection_GivesItsPartsAndCanonicalSpec(string text, string spec, FetchSectionText kind)
    {
        Assert.That(FetchSection.TryParse(Encoding.ASCII.GetBytes(text), FetchSectionLimits.Default, out var section, out var error), Is.True, error);
        Assert.That((section!.Spec, section.Text), Is.EqualTo((spec, kind)));
    }

    [Test]
    public void TryParse_PartNumbersAndFields_AreKept()
    {
        FetchSection.TryParse("4.12.HEADER.FIELDS.NOT (Received DKIM-Signature)"u8, FetchSectionLimits.Default, out var section, out _);
        Assert.That(section!.Part, Is.EqualTo(new[] { 4, 12 }));
        Assert.That(section.Fields, Is.EqualTo(new[] { "RECEIVED", "DKIM-SIGNATURE" }));
    }

    [TestCase("0")]
    [TestCase("1.0")]
    [TestCase("01")]
    [TestCase("1.")]
    [TestCase(".1")]
    [TestCase("1..2")]
    [TestCase("MIME")]
    [TestCase(" HEADER")]
    [TestCase("HEADER ")]
    [TestCase("HEADERS")]
    [TestCase("1.BODY")]
    [TestCase("HEADER.FIELDS")]
    [TestCase("HEADER.FIELDS ()")]
    [TestCase("HEADER.FIELDS (A  B)")]
    [TestCase("HEADER.FIELDS (A )")]
    [TestCase("HEADER.FIELDS A")]
    [TestCase("HEADER.FIELDS (A) x")]
    [TestCase("HEADER.FIELDS (\"A)")]
    [TestCase("HEADER.FIELDS (\"A:B\")")]
    [TestCase("HEADER.FIELDS (\"\")")]
    [TestCase("HEADER.FIELDS ({3}\r\nAB)")]
    [TestCase("HEADER.FIELDS (A*)")]
    [TestCase("TEXT.HEADER")]
    [TestCase("9999999999")]
    public void TryParse_InvalidSection_GivesAnError(string text)
    {
        Assert.That(FetchSection.TryParse(Encoding.ASCII.GetBytes(text), FetchSectionLimits.Default, out var section, out var error), Is.False);
        Assert.That(section, Is.Null);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void TryParse_EnforcesTheLimits()
    {
        var limits = new FetchSectionLimits { MaxPartDepth = 3, MaxFieldNames = 2, MaxFieldNameLength = 5 };
        Assert.Multiple(() =>
        {
            Assert.That(FetchSection.TryParse("1.2.3"u8, limits, out _, out _), Is.True);
            Assert.That(FetchSection.TryParse("1.2.3.4"u8, limits, out _, out var depth), Is.False);
            Assert.That(depth, Does.Contain("3 part numbers"));
            Assert.That(FetchSection.TryParse("HEADER.FIELDS (A B)"u8, limits, out _, out _), Is.True);
            Assert.That(FetchSection.TryParse("HEADER.FIELDS (A B C)"u8, limits, out _, out var names), Is.False);
            Assert.That(names, Does.Contain("2 header field names"));
            Assert.That(FetchSection.TryParse("HEADER.FIELDS (ABCDEF)"u8, limits, out _, out _), Is.False);
        });
    }

    [Test]
    public void TryParse_DeepSectionFromAHostileClient_StopsAtTheLimit()
    {
        var text = Encoding.ASCII.GetBytes(string.Join('.', Enumerable.Repeat("1", 100_000)));
        Assert.That(FetchSection.TryParse(text, FetchSectionLimits.Default, out _, out var error), Is.False);
        Assert.That(error, Does.Contain("32"));
    }

    [TestCase("<0.10>", 0L, 10L)]
    [TestCase("<500.1>", 500L, 1L)]
    [TestCase("<9223372036854775807.9223372036854775807>", long.MaxValue, long.MaxValue)]
    public void FetchPartial_TryParse_Valid(string text, long offset, long count)
    {
        Assert.That(FetchPartial.TryParse(Encoding.ASCII.GetBytes(text), out var partial, out var error), Is.True, error);
        Assert.That(partial, Is.EqualTo(new FetchPartial(offset, count)));
    }

    [TestCase("<1.0>")]
    [TestCase("<1>")]
    [TestCase("<.1>")]
    [TestCase("<1.>")]
    [TestCase("<-1.2>")]
    [TestCase("<1.2")]
    [TestCase("1.2>")]
    [TestCase("<9223372036854775808.1>")]
    [TestCase("<1.2.3>")]
    public void FetchPartial_TryParse_Invalid(string text)
    {
        Assert.That(FetchPartial.TryParse(Encoding.ASCII.GetBytes(text), out _, out var error), Is.False);
        Assert.That(error, Is.Not.Empty);
    }

    [TestCase(0L, 10L, 100L, 0L, 10L)]
    [TestCase(95L, 10L, 100L, 95L, 5L)]
    [TestCase(100L, 10L, 100L, 100L, 0L)]
    [TestCase(500L, 10L, 100L, 100L, 0L)]
    [TestCase(5L, long.MaxValue, 100L, 5L, 95L)]
    public void FetchPartial_Apply_ClampsToTheSection(long offset, long count, long length, long skip, long take)
    {
        Assert.That(new FetchPartial(offset, count).Apply(length), Is.EqualTo((skip, take)));
    }

    [TestCase("BODY[]", FetchBodyItemKind.Body, "BODY[]")]
    [TestCase("body.peek[1.MIME]<0.100>", FetchBodyItemKind.BodyPeek, "BODY[1.MIME]<0>")]
    [TestCase("BODY.PEEK[HEADER.FIELDS (From To)]<5.20>", FetchBodyItemKind.BodyPeek, "BODY[HEADER.FIELDS (FROM TO)]<5>")]
    [TestCase("BINARY[1.2]", FetchBodyItemKind.Binary, "BINARY[1.2]")]
    [TestCase("Binary.Peek[3]<10.5>", FetchBodyItemKind.BinaryPeek, "BINARY[3]<10>")]
    [TestCase("BINARY.SIZE[2]", FetchBodyItemKind.BinarySize, "BINARY.SIZE[2]")]
    [TestCase("BINARY[]", FetchBodyItemKind.Binary, "BINARY[]")]
    public void FetchBodyItem_TryParse_Valid(string atom, FetchBodyItemKind kind, string label)
    {
        Assert.That(FetchBodyItem.TryParse(Encoding.ASCII.GetBytes(atom), FetchSectionLimits.Default, out var item, out var error), Is.True, error);
        Assert.That((item!.Kind, item.ResponseLabel), Is.EqualTo((kind, label)));
        Assert.That(item.SetsSeen, Is.EqualTo(kind is FetchBodyItemKind.Body or FetchBodyItemKind.Binary));
    }

    [TestCase("BODY", "section")]
    [TestCase("BODY[", "section")]
    [TestCase("BODYX[]", "unknown")]
    [TestCase("RFC822[]", "unknown")]
    [TestCase("BINARY[HEADER]", "part numbers only")]
    [TestCase("BINARY[1.MIME]", "part numbers only")]
    [TestCase("BINARY.SIZE[1]<0.1>", "no partial")]
    [TestCase("BODY[1]<0.0>", "must not be 0")]
    [TestCase("BODY[1]x", "partial")]
    [TestCase("BODY[0]", "start at 1")]
    public void FetchBodyItem_TryParse_Invalid(string atom, string message)
    {
        Assert.That(FetchBodyItem.TryParse(Encoding.ASCII.GetBytes(atom), FetchSectionLimits.Default, out _, out var error), Is.False);
        Assert.That(error, Does.Contain(message));
    }
}
