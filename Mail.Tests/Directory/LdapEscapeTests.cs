using Mail.Directory;
using Mail.Directory.Ldap;

namespace Mail.Tests.Directory;

internal sealed class LdapEscapeTests
{
    [TestCase("*)(uid=*", "\\2a\\29\\28uid=\\2a")]
    [TestCase("a\\b", "a\\5cb")]
    [TestCase("nul\0", "nul\\00")]
    [TestCase("Việt", "Vi\\e1\\bb\\87t")]
    public void FilterValue_EscapesRfc4515Specials(string input, string expected) =>
        Assert.That(LdapEscape.FilterValue(input), Is.EqualTo(expected));

    [TestCase("a,b", "a\\,b")]
    [TestCase("#lead", "\\#lead")]
    [TestCase(" both ", "\\ both\\ ")]
    [TestCase("x+y=z;<>\"", "x\\+y\\=z\\;\\<\\>\\\"")]
    public void DnValue_EscapesRfc4514Specials(string input, string expected)
    {
        Assert.That(LdapEscape.DnValue(input), Is.EqualTo(expected));
        Assert.That(LdapEscape.UnescapeDnValue(LdapEscape.DnValue(input)), Is.EqualTo(input));
    }

    [Test]
    public void ParseMemberDn_ReadsKindAndAddressFromTheLayout()
    {
        var layout = new DirectoryLayout("o=mailappliance");
        var account = Mail.Directory.Addressing.MailAddress.Parse("annv@x.vn");
        Assert.Multiple(() =>
        {
            Assert.That(layout.ParseMemberDn(layout.AccountDn(account)), Is.EqualTo((MemberKind.Account, "annv@x.vn")));
            Assert.That(layout.ParseMemberDn(layout.GroupDn(account)), Is.EqualTo((MemberKind.Group, "annv@x.vn")));
            Assert.That(layout.ParseMemberDn(layout.ContactDn(account)), Is.EqualTo((MemberKind.External, "annv@x.vn")));
            Assert.That(layout.ParseMemberDn("cn=someone,dc=elsewhere"), Is.Null);
        });
    }
}
