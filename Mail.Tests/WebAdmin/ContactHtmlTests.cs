using Mail.WebAdmin.Contacts;

namespace Mail.Tests.WebAdmin;

/// <summary>The HTML fragment when a domain has published nothing yet.</summary>
internal sealed class ContactHtmlTests
{
    [Test]
    public void AnEmptyList_SaysSoInVietnamese_WithoutAnEmptyTable()
    {
        var html = ContactHtml.Write("truong.edu.vn", []);
        var section = System.Xml.Linq.XElement.Parse(html);
        Assert.That(section.Element("table"), Is.Null);
        Assert.That(section.Element("p")!.Value, Is.EqualTo("Chưa có địa chỉ thư điện tử nào được công khai."));
    }
}
