using Mail.Directory;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Directory;

internal sealed class SenderPolicyTests : DirectoryTestBase
{
    [SetUp]
    public async Task AddPeopleAsync()
    {
        await AddUserAsync("member");
        await AddUserAsync("outsider");
        await Dir.Aliases.AddAsync(A("member"), A("member.alias"), None);
    }

    [Test]
    public async Task Anyone_AcceptsEveryone()
    {
        await Dir.Groups.AddAsync(A("g"), "G", SenderPolicy.Anyone, None);
        Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), "stranger@gmail.com", None), Is.True);
    }

    [Test]
    public async Task Members_AcceptsNestedMembersAndTheirAliasesOnly()
    {
        await Dir.Groups.AddAsync(A("inner"), "Inner", SenderPolicy.Anyone, None);
        await Dir.Groups.AddMemberAsync(A("inner"), A("member"), None);
        await Dir.Groups.AddAsync(A("g"), "G", SenderPolicy.Members, None);
        await Dir.Groups.AddMemberAsync(A("g"), A("inner"), None);
        await Dir.Groups.AddMemberAsync(A("g"), "partner@moet.gov.vn", None);
        Assert.Multiple(async () =>
        {
            Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), A("member"), None), Is.True);
            Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), A("member.alias"), None), Is.True);
            Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), "Partner@MOET.gov.vn", None), Is.True);
            Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), A("outsider"), None), Is.False);
            Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), "", None), Is.False);
        });
    }

    [Test]
    public async Task Domain_AcceptsTheGroupsDomainOnly()
    {
        await Dir.Groups.AddAsync(A("g"), "G", SenderPolicy.Domain, None);
        Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), A("outsider"), None), Is.True);
        Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), "someone@other.edu.vn", None), Is.False);
    }

    [Test]
    public async Task Senders_AcceptsTheListedAddressesOnly()
    {
        await Dir.Groups.AddAsync(A("g"), "G", SenderPolicy.Members, None);
        await Dir.Groups.SetPolicyAsync(A("g"), SenderPolicy.Senders, None);
        await Dir.Groups.AddSenderAsync(A("g"), A("member"), None);
        await Dir.Groups.AddSenderAsync(A("g"), "vanphong@moet.gov.vn", None);
        Assert.Multiple(async () =>
        {
            Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), A("member.alias"), None), Is.True);
            Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), "vanphong@moet.gov.vn", None), Is.True);
            Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), A("outsider"), None), Is.False);
        });

        await Dir.Groups.RemoveSenderAsync(A("g"), "vanphong@moet.gov.vn", None);
        Assert.That(await Dir.SenderPolicies.MayPostAsync(A("g"), "vanphong@moet.gov.vn", None), Is.False);
        Assert.That(() => Dir.Groups.RemoveSenderAsync(A("g"), "vanphong@moet.gov.vn", None),
            Throws.TypeOf<Mail.Directory.Ldap.DirectoryRequestRejectedException>());
    }
}
