using Mail.Server.Auth;

namespace Mail.Tests.Auth;

/// <summary>DMARC record parsing (RFC 7489 6.3, 6.6.3).</summary>
internal sealed class DmarcRecordTests
{
    [Test]
    public void AFullRecord_IsParsed()
    {
        Assert.That(DmarcRecord.Parse("v=DMARC1; p=quarantine; sp=reject; adkim=s; aspf=r; pct=25; rua=mailto:d@a.example"),
            Is.EqualTo(new DmarcRecord(DmarcPolicy.Quarantine, DmarcPolicy.Reject, StrictDkim: true, StrictSpf: false, Percent: 25)));
        Assert.That(DmarcRecord.Parse("v=DMARC1;p=REJECT"), Is.EqualTo(new DmarcRecord(DmarcPolicy.Reject, DmarcPolicy.Reject, false, false, 100)));
    }

    [Test]
    public void OnlyRecordsStartingWithTheVersion_AreDmarc()
    {
        Assert.That(DmarcRecord.IsDmarc("v=DMARC1; p=none"), Is.True);
        Assert.That(DmarcRecord.IsDmarc("p=none; v=DMARC1"), Is.False);
        Assert.That(DmarcRecord.IsDmarc("v=spf1 -all"), Is.False);
        Assert.That(DmarcRecord.IsDmarc("v=dmarc1; p=none"), Is.False);
    }

    [Test]
    public void InvalidTags_MakeTheRecordUnusable_ButRuaAloneMeansNone()
    {
        Assert.That(DmarcRecord.Parse("v=DMARC1; p=block"), Is.Null);
        Assert.That(DmarcRecord.Parse("v=DMARC1; p=none; pct=101"), Is.Null);
        Assert.That(DmarcRecord.Parse("v=DMARC1; p=none; adkim=x"), Is.Null);
        Assert.That(DmarcRecord.Parse("v=DMARC1; p=none; sp=maybe"), Is.Null);
        Assert.That(DmarcRecord.Parse("v=DMARC1; rua=mailto:d@a.example")?.Policy, Is.EqualTo(DmarcPolicy.None));
    }
}
