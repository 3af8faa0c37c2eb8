using Mail.WebAdmin.Domains;
using Mail.WebAdmin.Engine;

namespace Mail.Tests.WebAdmin;

internal sealed class ZoneFileLineTests
{
    private static DnsRecordCheck Check(string name, string type, string expected) =>
        new("x", name, type, expected, [], DnsCheckStatus.Missing, new DnsNote(DnsNoteKind.DkimMissing));

    [Test]
    public void For_WritesEachTypeAsAZoneFileLine()
    {
        Assert.Multiple(() =>
        {
            Assert.That(ZoneFileLine.For(Check("truong.edu.vn.", "MX", "10 mail.truong.edu.vn.")), Is.EqualTo("truong.edu.vn. IN MX 10 mail.truong.edu.vn."));
            Assert.That(ZoneFileLine.For(Check("truong.edu.vn.", "TXT", "v=spf1 mx -all")), Is.EqualTo("truong.edu.vn. IN TXT \"v=spf1 mx -all\""));
            Assert.That(ZoneFileLine.For(Check("autoconfig.truong.edu.vn.", "CNAME", "mail.truong.edu.vn.")),
                Is.EqualTo("autoconfig.truong.edu.vn. IN CNAME mail.truong.edu.vn."));
            Assert.That(ZoneFileLine.For(Check("_imaps._tcp.truong.edu.vn.", "SRV", "0 1 993 mail.truong.edu.vn.")),
                Is.EqualTo("_imaps._tcp.truong.edu.vn. IN SRV 0 1 993 mail.truong.edu.vn."));
            Assert.That(ZoneFileLine.For(Check("mail.truong.edu.vn.", "A/AAAA", "the appliance's addresses")), Does.StartWith("; mail.truong.edu.vn."));
        });
    }

    [Test]
    public void Quoted_SplitsLongTextInto255OctetStrings_AndEscapesQuotes()
    {
        var key = "v=DKIM1; k=rsa; p=" + new string('A', 400);
        var quoted = ZoneFileLine.Quoted(key);
        var strings = System.Text.RegularExpressions.Regex.Matches(quoted, "\"([^\"]*)\"").Select(m => m.Groups[1].Value).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(quoted, Does.StartWith("( \"").And.EndWith("\" )"));
            Assert.That(strings.Select(s => s.Length), Is.EqualTo(new[] { 255, key.Length - 255 }));
            Assert.That(string.Concat(strings), Is.EqualTo(key));
            Assert.That(ZoneFileLine.Quoted("a\"b"), Is.EqualTo("\"a\\\"b\""));
        });
    }
}
