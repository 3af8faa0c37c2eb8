using System.Text;
using Mail.Server.Imap.Fetch;
using Mail.Server.Store;
using Item = Mail.Server.Imap.Fetch.FormattedAnalysisCache.FormattedItem;

namespace Mail.Tests.Imap.Fetch;

internal sealed class FormattedAnalysisCacheTests
{
    private const string Vietnamese = "From: =?utf-8?Q?Nguy=E1=BB=85n?= <an@x.vn>\r\nSubject: Họp tổ\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nx\r\n";

    [Test]
    public async Task EachResponse_IsFormattedOnce_AndEqualsTheFormatter()
    {
        var analysis = await FetchSamples.AnalyzeAsync(Vietnamese);
        var cache = new FormattedAnalysisCache(1024 * 1024);
        var reads = 0;
        MessageAnalysis Read()
        {
            reads++;
            return analysis;
        }

        var first = Text(cache.Get("h1", Item.Envelope, false, Read));
        var again = Text(cache.Get("h1", Item.Envelope, false, Read));
        Assert.That(again, Is.EqualTo(first));
        Assert.That(first, Is.EqualTo(FetchSamples.Render(o => EnvelopeFormatter.Write(o, analysis.Envelope, false))));
        Assert.That(reads, Is.EqualTo(1), "the second request reads no analysis");

        var utf8 = Text(cache.Get("h1", Item.Envelope, true, Read));
        Assert.That(utf8, Is.EqualTo(FetchSamples.Render(o => EnvelopeFormatter.Write(o, analysis.Envelope, true))));
        Assert.That(utf8, Is.Not.EqualTo(first), "a raw UTF-8 subject is a literal without UTF8=ACCEPT, quoted with it");

        Assert.That(Text(cache.Get("h1", Item.BodyStructure, false, Read)),
            Is.EqualTo(FetchSamples.Render(o => BodyStructureFormatter.WriteBodyStructure(o, analysis.Structure, false))));
        Assert.That(Text(cache.Get("h1", Item.Body, false, Read)),
            Is.EqualTo(FetchSamples.Render(o => BodyStructureFormatter.WriteBody(o, analysis.Structure, false))));
    }

    [Test]
    public async Task AFullCache_StartsAfresh_AndStillAnswersRight()
    {
        var analysis = await FetchSamples.AnalyzeAsync(Vietnamese);
        var cache = new FormattedAnalysisCache(2000);
        var expected = FetchSamples.Render(o => EnvelopeFormatter.Write(o, analysis.Envelope, false));
        for (var i = 0; i < 100; i++)
        {
            Assert.That(Text(cache.Get($"hash{i}", Item.Envelope, false, () => analysis)), Is.EqualTo(expected));
        }

        Assert.That(cache.Count, Is.LessThan(100), "the budget bounds what is kept");
    }

    private static string Text(ReadOnlySpan<byte> octets) => Encoding.UTF8.GetString(octets);
}
