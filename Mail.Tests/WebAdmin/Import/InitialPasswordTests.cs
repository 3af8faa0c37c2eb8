using Mail.Directory.Addressing;
using Mail.WebAdmin.Import;

namespace Mail.Tests.WebAdmin.Import;

internal sealed class InitialPasswordTests
{
    [Test]
    public void New_PassesThePolicy_AndAvoidsLookalikes()
    {
        var owner = MailAddress.Parse("annv@truong.edu.vn");
        var passwords = Enumerable.Range(0, 200).Select(_ => InitialPassword.New(owner)).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(passwords.Select(p => PasswordPolicy.Check(p, owner)), Is.All.Null);
            Assert.That(passwords.Distinct().Count(), Is.EqualTo(passwords.Length));
            Assert.That(string.Concat(passwords).Intersect("0O1lI"), Is.Empty);
            Assert.That(passwords, Is.All.Length.EqualTo(14));
        });
    }
}
