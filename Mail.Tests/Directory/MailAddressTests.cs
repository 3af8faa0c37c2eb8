using Mail.Directory.Addressing;

namespace Mail.Tests.Directory;

internal sealed class MailAddressTests
{
    [TestCase("An.Nguyen@Truong.EDU.vn", "an.nguyen@truong.edu.vn")]
    [TestCase("  giamdoc@sgd.edu.vn ", "giamdoc@sgd.edu.vn")]
    [TestCase("a+tag@x.vn", "a+tag@x.vn")]
    [TestCase("vanthu@trường.edu.vn", "vanthu@xn--trng-rib8295b.edu.vn")]
    public void Parse_ValidAddress_IsNormalised(string input, string expected) =>
        Assert.That(MailAddress.Parse(input).ToString(), Is.EqualTo(expected));

    [TestCase("")]
    [TestCase("no-at-sign")]
    [TestCase("@x.vn")]
    [TestCase("a@")]
    [TestCase("a b@x.vn")]
    [TestCase("\"quoted\"@x.vn")]
    [TestCase("user%other.vn@x.vn")]
    [TestCase("@a.vn:user@b.vn")]
    [TestCase("a..b@x.vn")]
    [TestCase(".a@x.vn")]
    [TestCase("a@localhost")]
    [TestCase("a@-x.vn")]
    [TestCase("nguyễn@x.vn")]
    [TestCase("*)(uid=*@x.vn")]
    public void TryParse_InvalidAddress_FailsWithReason(string input)
    {
        Assert.That(MailAddress.TryParse(input, out var address, out var error), Is.False);
        Assert.That(address, Is.Null);
        Assert.That(error, Is.Not.Empty);
    }

    [Test]
    public void TryParse_LocalPartOver64_Fails() =>
        Assert.That(MailAddress.TryParse(new string('a', 65) + "@x.vn", out _, out var error) ? null : error, Does.Contain("64"));

    [Test]
    public void PersonName_DecomposedVietnamese_IsStoredAsNfc()
    {
        var decomposed = "Nguyễn Văn An".Normalize(System.Text.NormalizationForm.FormD);
        var name = PersonName.Parse("  " + decomposed.Replace(" ", "   ", StringComparison.Ordinal) + " ");
        Assert.Multiple(() =>
        {
            Assert.That(name.Full, Is.EqualTo("Nguyễn Văn An"));
            Assert.That(name.Full.IsNormalized(System.Text.NormalizationForm.FormC), Is.True);
            Assert.That(name.Family, Is.EqualTo("Nguyễn"));
            Assert.That(name.Given, Is.EqualTo("An"));
        });
    }

    [TestCase("short1!", false)]
    [TestCase("password123!", false)]
    [TestCase("alllower", false)]
    [TestCase("Hoa-sen9", true)]
    [TestCase("Xin-chao-2026", true)]
    [TestCase("mot con vit xoe ra hai cai canh", true)]
    public void PasswordPolicy_JudgesStrength(string password, bool acceptable) =>
        Assert.That(PasswordPolicy.Check(password, MailAddress.Parse("annv@x.vn")) is null, Is.EqualTo(acceptable));

    [Test]
    public void PasswordPolicy_PasswordContainingAccountName_IsRefused() =>
        Assert.That(PasswordPolicy.Check("Annv-2026-xyz", MailAddress.Parse("annv@x.vn")), Does.Contain("account name"));
}
