using System.Text;
using Mail.Directory;
using Mail.WebAdmin.Contacts;

namespace Mail.Tests.WebAdmin;

/// <summary>The vCard writer's escaping and folding at the edges: multi-byte letters across the 75-octet boundary,
/// exactly 75 octets, and every character RFC 6350 escapes.</summary>
internal sealed class VCardWriterTests
{
    [TestCase(1)]
    [TestCase(2)]
    [TestCase(3)]
    [TestCase(70)]
    [TestCase(71)]
    [TestCase(72)]
    [TestCase(73)]
    [TestCase(300)]
    public void LongNames_AreFoldedWithinBudget_AndUnfoldToTheSameText(int prefix)
    {
        // "ễ" is three octets in UTF-8: shifting the ASCII prefix moves it across every position of the fold.
        var name = new string('a', prefix) + string.Concat(Enumerable.Repeat("Nguyễn ", 30)).Trim();
        var bytes = VCardWriter.Write([new PublicContact(PublicContactKind.Person, "a@truong.edu.vn", name, null, null)]);

        var card = StrictVCardReader.Read(bytes).Single();
        Assert.That(card.Single(p => p.Name == "FN").Value, Is.EqualTo(name));
    }

    [Test]
    public void ALineOfExactly75Octets_IsNotFolded()
    {
        var name = new string('x', 75 - "FN:".Length);
        var text = Encoding.UTF8.GetString(VCardWriter.Write([new PublicContact(PublicContactKind.Person, "a@b.vn", name, null, null)]));
        Assert.That(text, Does.Contain("\r\nFN:" + name + "\r\nEMAIL"));
    }

    [Test]
    public void SpecialCharacters_AreEscaped_AndReadBack()
    {
        const string hostile = "a\\b,c;d\ne:f";
        Assert.That(VCardWriter.Escape(hostile), Is.EqualTo("a\\\\b\\,c\\;d\\ne:f"));
        var bytes = VCardWriter.Write([new PublicContact(PublicContactKind.Group, "g@b.vn", hostile, null, "Tổ; Văn, phòng")]);
        var card = StrictVCardReader.Read(bytes).Single();
        Assert.That(card.Single(p => p.Name == "FN").Value, Is.EqualTo(hostile));
        Assert.That(card.Single(p => p.Name == "ORG").Value, Is.EqualTo("Tổ; Văn, phòng"));
        Assert.That(card.Single(p => p.Name == "KIND").Value, Is.EqualTo("group"));
    }
}
