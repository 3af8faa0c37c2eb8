using System.DirectoryServices.Protocols;
using Mail.Directory;
using Mail.Directory.Ldap;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Directory;

internal sealed class GroupTests : DirectoryTestBase
{
    [Test]
    public async Task Expand_NestedExternalAndDuplicateMembers_GivesEachFinalAddressOnce()
    {
        await AddUserAsync("annv");
        await AddUserAsync("binhtt", "Trần Thị Bình");
        await Dir.Aliases.AddAsync(A("annv"), A("an"), None);
        await Dir.Groups.AddAsync(A("totoan"), "Tổ Toán", SenderPolicy.Anyone, None);
        await Dir.Groups.AddAsync(A("giaovien"), "Giáo viên", SenderPolicy.Anyone, None);
        await Dir.Groups.AddMemberAsync(A("totoan"), A("annv"), None);
        await Dir.Groups.AddMemberAsync(A("totoan"), "Director@MOET.gov.vn", None);
        await Dir.Groups.AddMemberAsync(A("giaovien"), A("totoan"), None);
        await Dir.Groups.AddMemberAsync(A("giaovien"), A("binhtt"), None);
        await Dir.Groups.AddAsync(A("chunhiem"), "Chủ nhiệm", SenderPolicy.Anyone, None);
        await Dir.Groups.AddMemberAsync(A("chunhiem"), A("an"), None);
        await Dir.Groups.AddMemberAsync(A("giaovien"), A("chunhiem"), None);

        var recipients = await Dir.Expander.ExpandAsync(A("giaovien"), None);
        Assert.That(recipients, Is.EqualTo(new[] { A("annv"), A("binhtt"), "director@moet.gov.vn" }));
    }

    [Test]
    public async Task AddMember_ByAlias_StoresTheOwnerOnceAndRefusesTheDuplicate()
    {
        await AddUserAsync("annv");
        await Dir.Aliases.AddAsync(A("annv"), A("an"), None);
        await Dir.Groups.AddAsync(A("g"), "G", SenderPolicy.Anyone, None);
        var member = await Dir.Groups.AddMemberAsync(A("g"), A("an"), None);
        Assert.That((member.Kind, member.Address), Is.EqualTo((MemberKind.Account, A("annv"))));
        Assert.That(() => Dir.Groups.AddMemberAsync(A("g"), A("annv"), None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("already a member"));
    }

    [Test]
    public async Task AddMember_ThatWouldCreateACycle_IsRefused()
    {
        await Dir.Groups.AddAsync(A("a"), "A", SenderPolicy.Anyone, None);
        await Dir.Groups.AddAsync(A("b"), "B", SenderPolicy.Anyone, None);
        await Dir.Groups.AddAsync(A("c"), "C", SenderPolicy.Anyone, None);
        await Dir.Groups.AddMemberAsync(A("a"), A("b"), None);
        await Dir.Groups.AddMemberAsync(A("b"), A("c"), None);
        Assert.That(() => Dir.Groups.AddMemberAsync(A("c"), A("a"), None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("group cycle"));
        Assert.That(() => Dir.Groups.AddMemberAsync(A("a"), A("a"), None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("group cycle"));
        Assert.That((await Dir.Groups.GetAsync(A("c"), None)).Members, Is.Empty);
    }

    [Test]
    public async Task Expand_CycleWrittenDirectlyInLdap_Terminates()
    {
        await AddUserAsync("x");
        var a = await Dir.Groups.AddAsync(A("ca"), "A", SenderPolicy.Anyone, None);
        var b = await Dir.Groups.AddAsync(A("cb"), "B", SenderPolicy.Anyone, None);
        await Dir.Groups.AddMemberAsync(A("ca"), A("cb"), None);
        await Dir.Groups.AddMemberAsync(A("cb"), A("x"), None);

        // Another tool could write a cycle straight into the directory; expansion must still end.
        await Dir.Gateway.SendAsync<ModifyResponse>(new ModifyRequest(b.Dn, DirectoryAttributeOperation.Add, "member", a.Dn), None);
        using var fresh = Slapd.NewDirectory();
        Assert.That(await fresh.Expander.ExpandAsync(A("ca"), None), Is.EqualTo(new[] { A("x") }));
        Assert.That(await fresh.Expander.ExpandAsync(A("cb"), None), Is.EqualTo(new[] { A("x") }));
    }

    [Test]
    public async Task Expand_DeeperThanTheBound_StopsAtTheBound()
    {
        await AddUserAsync("deep");
        await AddUserAsync("shallow");
        for (var i = 0; i < 5; i++)
        {
            await Dir.Groups.AddAsync(A($"l{i}"), $"Level {i}", SenderPolicy.Anyone, None);
            if (i > 0)
            {
                await Dir.Groups.AddMemberAsync(A($"l{i - 1}"), A($"l{i}"), None);
            }
        }

        await Dir.Groups.AddMemberAsync(A("l0"), A("shallow"), None);
        await Dir.Groups.AddMemberAsync(A("l4"), A("deep"), None);
        using var bounded = Slapd.NewDirectory(o => o.MaxGroupDepth = 3);
        Assert.That(await bounded.Expander.ExpandAsync(A("l0"), None), Is.EqualTo(new[] { A("shallow") }));
        Assert.That(await Dir.Expander.ExpandAsync(A("l0"), None), Is.EqualTo(new[] { A("deep"), A("shallow") }));
    }

    [Test]
    public async Task RemoveMember_External_RemovesTheContactWhenNoGroupUsesIt()
    {
        await Dir.Groups.AddAsync(A("g1"), "G1", SenderPolicy.Anyone, None);
        await Dir.Groups.AddAsync(A("g2"), "G2", SenderPolicy.Anyone, None);
        var contact = await Dir.Groups.AddMemberAsync(A("g1"), $"partner@{Domain}.example", None);
        await Dir.Groups.AddMemberAsync(A("g2"), $"partner@{Domain}.example", None);
        Assert.That(contact.Kind, Is.EqualTo(MemberKind.External));

        await Dir.Groups.RemoveMemberAsync(A("g1"), $"partner@{Domain}.example", None);
        Assert.That(await Dir.Gateway.ReadAsync(contact.Dn, ["mail"], None), Is.Not.Null, "still used by g2");
        await Dir.Groups.RemoveMemberAsync(A("g2"), $"partner@{Domain}.example", None);
        Assert.That(await Dir.Gateway.ReadAsync(contact.Dn, ["mail"], None), Is.Null);
        Assert.That(() => Dir.Groups.RemoveMemberAsync(A("g2"), $"partner@{Domain}.example", None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("is not a member"));
    }

    [Test]
    public void AddMember_UnknownLocalAddress_IsRejected() =>
        Assert.That(
            async () =>
            {
                await Dir.Groups.AddAsync(A("g"), "G", SenderPolicy.Anyone, None);
                await Dir.Groups.AddMemberAsync(A("g"), A("ghost"), None);
            },
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.EqualTo($"unknown account or group {A("ghost")}"));

    [Test]
    public void Expand_AnAccount_IsRejected() =>
        Assert.That(
            async () =>
            {
                await AddUserAsync("solo");
                await Dir.Expander.ExpandAsync(A("solo"), None);
            },
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("is not a group"));

    [Test]
    public async Task ListAndDelete_Groups()
    {
        await Dir.Groups.AddAsync(A("z"), "Z", SenderPolicy.Members, None);
        await Dir.Groups.AddAsync(A("y"), "Y", SenderPolicy.Domain, None);
        var list = await Dir.Groups.ListAsync(Domain, None);
        Assert.That(list.Select(g => (g.Address, g.Policy)), Is.EqualTo(new[] { (A("y"), SenderPolicy.Domain), (A("z"), SenderPolicy.Members) }));
        await Dir.Groups.DeleteAsync(A("z"), None);
        Assert.That((await Dir.Groups.ListAsync(Domain, None)).Select(g => g.Address), Is.EqualTo(new[] { A("y") }));
    }
}
