using System.Text;
using Mail.Directory.Addressing;
using Mail.Server.Store;
using MimeKit;

namespace Mail.Tests.Store;

internal sealed class SearchHeadersTests
{
    private static string Kept(string header)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(header + "\r\n"));
        return SearchHeaders.Build(HeaderList.Load(stream));
    }

    [Test]
    public void KeptFields_AreDecodedAndFolded_PerField()
    {
        var kept = Kept("From: =?utf-8?B?Tmd1eeG7hW4gVsSDbiDEkOG7lw==?= <an@truong.edu.vn>\r\nSubject: =?utf-8?Q?H=E1=BB=8Dp_h=E1=BB=99i_?=\r\n" +
            " =?utf-8?Q?=C4=91=E1=BB=93ng?=\r\nTo: ban@so.edu.vn\r\nX-Other: nguyen");
        Assert.Multiple(() =>
        {
            Assert.That(SearchHeaders.Contains(kept, "from", SearchText.Fold("nguyen van do")), Is.True, "encoded word decoded, diacritics folded");
            Assert.That(SearchHeaders.Contains(kept, "FROM", SearchText.Fold("an@truong")), Is.True, "field names in any case");
            Assert.That(SearchHeaders.Contains(kept, "subject", SearchText.Fold("Họp hội đồng")), Is.True, "folded header lines joined");
            Assert.That(SearchHeaders.Contains(kept, "subject", "nguyen"), Is.False, "a value counts only for its own field");
            Assert.That(SearchHeaders.Contains(kept, "cc", string.Empty), Is.False, "no Cc field");
            Assert.That(SearchHeaders.Contains(kept, "to", string.Empty), Is.True, "an empty needle asks for presence");
            Assert.That(kept, Does.Not.Contain("x-other"), "only the common fields are kept");
        });
    }

    [Test]
    public void EveryOccurrence_IsKept()
    {
        var kept = Kept("To: a@x.vn\r\nTo: b@y.vn");
        Assert.That(SearchHeaders.Contains(kept, "to", "b@y.vn"), Is.True);
        Assert.That(SearchHeaders.Covers("Bcc") && !SearchHeaders.Covers("Date"), Is.True);
    }
}
