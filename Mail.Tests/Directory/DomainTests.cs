using Mail.Directory.Ldap;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Directory;

internal sealed class DomainTests : DirectoryTestBase
{
    [Test]
    public async Task Add_NewDomain_IsListedAndHosted()
    {
        var added = await Dir.Domains.AddAsync("  Phong-GD.Huyen.EDU.vn ", None);
        Assert.That(added, Is.EqualTo("phong-gd.huyen.edu.vn"));
        Assert.That(await Dir.Domains.ListAsync(None), Does.Contain("phong-gd.huyen.edu.vn"));
        Assert.That(await Dir.Domains.IsHostedAsync("PHONG-GD.huyen.edu.vn", None), Is.True);
        await Dir.Domains.RemoveAsync(added, None);
        Assert.That(await Dir.Domains.ListAsync(None), Does.Not.Contain(added));
    }

    [Test]
    public void Add_ExistingDomain_IsRejected() =>
        Assert.That(() => Dir.Domains.AddAsync(Domain, None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.EqualTo($"domain {Domain} already exists"));

    [TestCase("not a domain")]
    [TestCase("localhost")]
    [TestCase("a..vn")]
    public void Add_InvalidDomain_IsRejected(string domain) =>
        Assert.That(() => Dir.Domains.AddAsync(domain, None), Throws.TypeOf<DirectoryRequestRejectedException>());

    [Test]
    public async Task Remove_DomainWithAccounts_IsRefusedAndKeepsEverything()
    {
        await AddUserAsync("annv");
        Assert.That(() => Dir.Domains.RemoveAsync(Domain, None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("still has accounts"));
        Assert.That((await Dir.Accounts.GetAsync(A("annv"), None)).Address, Is.EqualTo(A("annv")));
    }

    [Test]
    public void Remove_UnknownDomain_IsRejected() =>
        Assert.That(() => Dir.Domains.RemoveAsync("unknown-" + Domain, None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.StartsWith("unknown domain"));
}
