using System.Text;
using Mail.Directory;
using Mail.Directory.Ldap;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Directory;

internal sealed class AccountTests : DirectoryTestBase
{
    [Test]
    public async Task Add_VietnameseName_RoundTripsAsNfc()
    {
        var decomposed = "Trần Thị Ngọc Ánh".Normalize(NormalizationForm.FormD);
        await Dir.Accounts.AddAsync(A("anhttn").ToUpperInvariant(), decomposed, GoodPassword, None);
        var account = await Dir.Accounts.GetAsync(A("anhttn"), None);
        Assert.Multiple(() =>
        {
            Assert.That(account.Address, Is.EqualTo(A("anhttn")));
            Assert.That(account.Name, Is.EqualTo("Trần Thị Ngọc Ánh"));
            Assert.That(account.Name.IsNormalized(NormalizationForm.FormC), Is.True);
            Assert.That(account.Disabled, Is.False);
        });
    }

    [Test]
    public async Task Add_StoresOnlyAHashOfThePassword()
    {
        var account = await AddUserAsync("hash");
        var entry = await Dir.Gateway.ReadAsync(account.Dn, ["userPassword"], None);
        var stored = (string)entry!.Attributes["userPassword"].GetValues(typeof(string))[0];
        Assert.That(stored, Does.StartWith("{ARGON2}"));
        Assert.That(stored, Does.Not.Contain(GoodPassword));
    }

    [Test]
    public async Task Add_DuplicateAddress_IsRejected()
    {
        await AddUserAsync("dup");
        Assert.That(() => AddUserAsync("dup"),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.EqualTo($"{A("dup")} already exists"));
    }

    [Test]
    public async Task Add_AddressUsedAsAlias_IsRejected()
    {
        await AddUserAsync("owner");
        await Dir.Aliases.AddAsync(A("owner"), A("taken"), None);
        Assert.That(() => AddUserAsync("taken"),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains($"an alias of {A("owner")}"));
    }

    [Test]
    public void Add_UnknownDomain_IsRejected() =>
        Assert.That(() => Dir.Accounts.AddAsync("x@not-hosted.vn", "X", GoodPassword, None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.StartsWith("unknown domain not-hosted.vn"));

    [Test]
    public async Task Add_WeakPassword_IsRejectedAndNothingIsWritten()
    {
        Assert.That(() => Dir.Accounts.AddAsync(A("weak"), "X", "123", None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("too weak"));
        Assert.That((await Dir.Resolver.ResolveAsync(A("weak"), None, useCache: false)).Kind, Is.EqualTo(AddressKind.Unknown));
    }

    [Test]
    public void Add_InvalidAddress_IsRejected() =>
        Assert.That(() => Dir.Accounts.AddAsync($"bad address@{Domain}", "X", GoodPassword, None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("invalid local part"));

    [Test]
    public async Task List_ReturnsTheDomainsAccountsSorted()
    {
        await AddUserAsync("b");
        await AddUserAsync("a");
        var list = await Dir.Accounts.ListAsync(Domain, None);
        Assert.That(list.Select(a => a.Address), Is.EqualTo(new[] { A("a"), A("b") }));
    }

    [Test]
    public async Task DisableEnable_ChangesTheFlag()
    {
        await AddUserAsync("flag");
        await Dir.Accounts.SetDisabledAsync(A("flag"), true, None);
        Assert.That((await Dir.Accounts.GetAsync(A("flag"), None)).Disabled, Is.True);
        await Dir.Accounts.SetDisabledAsync(A("flag"), false, None);
        Assert.That((await Dir.Accounts.GetAsync(A("flag"), None)).Disabled, Is.False);
    }

    [Test]
    public async Task Delete_RemovesTheAccountAndItsGroupMemberships()
    {
        await AddUserAsync("gone");
        await Dir.Groups.AddAsync(A("team"), "Tổ Toán", SenderPolicy.Anyone, None);
        await Dir.Groups.AddMemberAsync(A("team"), A("gone"), None);
        await Dir.Accounts.DeleteAsync(A("gone"), None);
        Assert.That((await Dir.Resolver.ResolveAsync(A("gone"), None, useCache: false)).Kind, Is.EqualTo(AddressKind.Unknown));
        Assert.That((await Dir.Groups.GetAsync(A("team"), None)).Members, Is.Empty);
        Assert.That(await Dir.Expander.ExpandAsync(A("team"), None), Is.Empty);
    }

    [Test]
    public void Delete_UnknownAccount_IsRejected() =>
        Assert.That(() => Dir.Accounts.DeleteAsync(A("nobody"), None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.EqualTo($"unknown account {A("nobody")}"));

    [Test]
    public async Task Alias_ResolvesToTheOwnerAndCanBeRemoved()
    {
        await AddUserAsync("annv");
        await Dir.Aliases.AddAsync(A("annv"), A("an.nguyen"), None);
        var resolution = await Dir.Resolver.ResolveAsync(A("AN.Nguyen"), None);
        Assert.That(resolution.Kind, Is.EqualTo(AddressKind.Account));
        Assert.That(resolution.PrimaryAddress, Is.EqualTo(A("annv")));
        Assert.That((await Dir.Accounts.GetAsync(A("annv"), None)).Aliases, Is.EqualTo(new[] { A("an.nguyen") }));

        await Dir.Aliases.RemoveAsync(A("annv"), A("an.nguyen"), None);
        Assert.That((await Dir.Resolver.ResolveAsync(A("an.nguyen"), None)).Kind, Is.EqualTo(AddressKind.Unknown));
        Assert.That(() => Dir.Aliases.RemoveAsync(A("annv"), A("an.nguyen"), None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("is not an alias"));
    }

    [Test]
    public async Task Alias_OfAGroup_ResolvesToTheGroup()
    {
        await Dir.Groups.AddAsync(A("vanthu"), "Văn thư", SenderPolicy.Anyone, None);
        await Dir.Aliases.AddAsync(A("vanthu"), A("congvan"), None);
        var resolution = await Dir.Resolver.ResolveAsync(A("congvan"), None);
        Assert.That((resolution.Kind, resolution.PrimaryAddress), Is.EqualTo((AddressKind.Group, A("vanthu"))));
    }

    [Test]
    public async Task Resolve_ClassifiesEveryKindOfAddress()
    {
        await AddUserAsync("person");
        await Dir.Groups.AddAsync(A("group"), "Nhóm", SenderPolicy.Anyone, None);
        Assert.Multiple(async () =>
        {
            Assert.That((await Dir.Resolver.ResolveAsync(A("person"), None)).Kind, Is.EqualTo(AddressKind.Account));
            Assert.That((await Dir.Resolver.ResolveAsync(A("group"), None)).Kind, Is.EqualTo(AddressKind.Group));
            Assert.That((await Dir.Resolver.ResolveAsync(A("nothing"), None)).Kind, Is.EqualTo(AddressKind.Unknown));
            Assert.That((await Dir.Resolver.ResolveAsync("someone@gmail.com", None)).Kind, Is.EqualTo(AddressKind.NotHosted));
        });
    }
}
