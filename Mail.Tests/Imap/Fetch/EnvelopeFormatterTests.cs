using Mail.Server.Imap.Fetch;
using Mail.Server.Store;

namespace Mail.Tests.Imap.Fetch;

internal sealed class EnvelopeFormatterTests
{
    [Test]
    public async Task Vietnamese_MatchesDovecot_ButQuotesTheUnfoldedSubject()
    {
        var envelope = (await FetchSamples.AnalyzeAsync(FetchSamples.Vietnamese)).Envelope;

        // Dovecot sends a subject that was folded as a literal; the string is the same, so we keep it quoted.
        var dovecot = DovecotAnswers.VietnameseEnvelope.Replace(
            "{79}\r\n=?UTF-8?B?TOG7i2NoIGjhu41wIHThu5UgVG/DoW4=?= =?UTF-8?Q?_tu=E1=BA=A7n_n=C3=A0y?=",
            "\"=?UTF-8?B?TOG7i2NoIGjhu41wIHThu5UgVG/DoW4=?= =?UTF-8?Q?_tu=E1=BA=A7n_n=C3=A0y?=\"",
            StringComparison.Ordinal);
        Assert.That(Render(envelope, utf8Quoted: false), Is.EqualTo(dovecot));
    }

    [Test]
    public async Task Mixed_MatchesDovecot()
    {
        var envelope = (await FetchSamples.AnalyzeAsync(FetchSamples.Mixed)).Envelope;
        Assert.That(Render(envelope, utf8Quoted: false), Is.EqualTo(DovecotAnswers.MixedEnvelope));
    }

    [Test]
    public async Task Forwarded_MatchesDovecot()
    {
        var envelope = (await FetchSamples.AnalyzeAsync(FetchSamples.Forwarded)).Envelope;
        Assert.That(Render(envelope, utf8Quoted: false), Is.EqualTo(DovecotAnswers.ForwardedEnvelope));
    }

    [Test]
    public async Task NoDateNoCc_MatchesDovecot()
    {
        var envelope = (await FetchSamples.AnalyzeAsync(FetchSamples.HeaderlessPart)).Envelope;
        Assert.That(Render(envelope, utf8Quoted: false), Is.EqualTo(DovecotAnswers.HeaderlessPartEnvelope));
    }

    [Test]
    public async Task Utf8Accept_QuotesRawUtf8Names()
    {
        var envelope = (await FetchSamples.AnalyzeAsync(FetchSamples.Mixed)).Envelope;
        var text = Render(envelope, utf8Quoted: true);
        Assert.That(text, Does.Contain("((\"Nguyễn Văn An\" NIL \"annv\" \"truong.edu.vn\"))"));
        Assert.That(text, Does.Not.Contain("{"));
    }

    [Test]
    public void EmptyEnvelope_IsAllNil()
    {
        var envelope = new CachedEnvelope(null, null, [], [], [], [], [], [], null, null);
        Assert.That(Render(envelope, utf8Quoted: false), Is.EqualTo("(NIL NIL NIL NIL NIL NIL NIL NIL NIL NIL)"));
    }

    [Test]
    public void AddressWithoutHost_GetsPlaceholders_NotGroupSyntax()
    {
        // A NIL host would tell the client a group starts here (RFC 9051 7.5.2).
        var envelope = new CachedEnvelope(null, "s \"q\" \\", [new CachedAddress("Bob", "undisclosed-recipients", null), new CachedAddress(null, null, null)], [], [], [], [], [], null, null);
        Assert.That(
            Render(envelope, utf8Quoted: false),
            Is.EqualTo("(NIL \"s \\\"q\\\" \\\\\" ((\"Bob\" NIL \"undisclosed-recipients\" \"MISSING_DOMAIN\")(NIL NIL \"MISSING_MAILBOX\" \"MISSING_DOMAIN\")) NIL NIL NIL NIL NIL NIL NIL)"));
    }

    private static string Render(CachedEnvelope envelope, bool utf8Quoted) =>
        FetchSamples.Render(output => EnvelopeFormatter.Write(output, envelope, utf8Quoted));
}
