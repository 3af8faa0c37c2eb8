using System.Text;
using Mail.WebAdmin.Import;

namespace Mail.Tests.WebAdmin.Import;

internal sealed class AddressConventionTests
{
    [TestCase("Nguyễn Văn An", "annv")]
    [TestCase("Trần Thị Bình", "binhtt")]
    [TestCase("Lê Hoa", "hoal")]
    [TestCase("An", "an")]
    [TestCase("Tôn Nữ Thị Ngọc Hân", "hantntn")]
    [TestCase("Đỗ Đức Đạt", "datdd")]
    [TestCase("ĐINH ĐĂNG ĐỨC", "ducdd")]
    [TestCase("Trương Ưng Ơn", "ontu")]
    [TestCase("Phạm Thị Thu Hương", "huongptt")]
    [TestCase("  Nguyễn   Văn\tAn  ", "annv")]
    [TestCase("Ngô-Thị Mỹ", "myn")]
    public void LocalPart_FollowsTheConvention(string name, string expected) =>
        Assert.That(AddressConvention.LocalPart(name), Is.EqualTo(expected));

    [Test]
    public void LocalPart_IsTheSameForNfcAndNfdInput()
    {
        const string Name = "Nguyễn Thị Ánh Tuyết";
        Assert.Multiple(() =>
        {
            Assert.That(Name.Normalize(NormalizationForm.FormD), Is.Not.EqualTo(Name.Normalize(NormalizationForm.FormC)), "the test has two spellings");
            Assert.That(AddressConvention.LocalPart(Name.Normalize(NormalizationForm.FormD)), Is.EqualTo("tuyetnta"));
            Assert.That(AddressConvention.LocalPart(Name.Normalize(NormalizationForm.FormC)), Is.EqualTo("tuyetnta"));
        });
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    [TestCase("张伟")]
    public void LocalPart_WithoutLatinLetters_IsNull(string? name) =>
        Assert.That(AddressConvention.LocalPart(name), Is.Null);

    [Test]
    public void FreeAddress_NumbersFromTwoPastTakenAddresses()
    {
        var taken = new HashSet<string> { "annv@truong.edu.vn", "annv2@truong.edu.vn", "annv@so.edu.vn" };
        Assert.Multiple(() =>
        {
            Assert.That(AddressConvention.FreeAddress("annv", "truong.edu.vn", taken), Is.EqualTo("annv3@truong.edu.vn"));
            Assert.That(AddressConvention.FreeAddress("binhtt", "truong.edu.vn", taken), Is.EqualTo("binhtt@truong.edu.vn"));
            Assert.That(AddressConvention.FreeAddress("annv", "khac.edu.vn", taken), Is.EqualTo("annv@khac.edu.vn"));
        });
    }
}
