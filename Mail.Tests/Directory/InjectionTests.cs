using Mail.Directory;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Directory;

/// <summary>Filter metacharacters in logins and addresses must match literally, never widen a search.</summary>
internal sealed class InjectionTests : DirectoryTestBase
{
    [SetUp]
    public Task AddVictimAsync() => AddUserAsync("victim");

    [Test]
    public async Task Resolve_WildcardLocalPart_MatchesNothing()
    {
        // '*' is legal in a local part (RFC 5322 atext), so it reaches the filter and must be escaped.
        Assert.That((await Dir.Resolver.ResolveAsync(A("*"), None)).Kind, Is.EqualTo(AddressKind.Unknown));
        Assert.That((await Dir.Resolver.ResolveAsync(A("vic*"), None)).Kind, Is.EqualTo(AddressKind.Unknown));
    }

    [TestCase("*")]
    [TestCase("*)(uid=*")]
    [TestCase("victim*")]
    [TestCase("*)(|(mail=*")]
    public async Task Authenticate_FilterMetacharacters_NeverLogIn(string local)
    {
        var result = await Dir.Authenticator.AuthenticateAsync($"{local}@{Domain}", GoodPassword, None);
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public async Task Authenticate_InjectionInTheWholeLogin_NeverLogsIn()
    {
        var result = await Dir.Authenticator.AuthenticateAsync("*)(uid=*))(|(uid=*", GoodPassword, None);
        Assert.That(result.Succeeded, Is.False);
    }

    [Test]
    public void Add_AccountWithDnMetacharacters_IsRejectedBeforeReachingLdap() =>
        Assert.That(() => Dir.Accounts.AddAsync($"a,ou=domains@{Domain}", "X", GoodPassword, None),
            Throws.TypeOf<Mail.Directory.Ldap.DirectoryRequestRejectedException>());

    [Test]
    public async Task Account_WithDnSpecialsInItsAddress_WorksEndToEnd()
    {
        var account = await Dir.Accounts.AddAsync($"x=y+z@{Domain}", "Lê Văn Tám", GoodPassword, None);
        Assert.That(Dir.Layout.ParseMemberDn(account.Dn), Is.EqualTo((MemberKind.Account, $"x=y+z@{Domain}")));
        Assert.That((await Dir.Resolver.ResolveAsync($"x=y+z@{Domain}", None)).Kind, Is.EqualTo(AddressKind.Account));
        Assert.That((await Dir.Authenticator.AuthenticateAsync($"x=y+z@{Domain}", GoodPassword, None)).Succeeded, Is.True);
        await Dir.Groups.AddAsync(A("g"), "G", SenderPolicy.Anyone, None);
        await Dir.Groups.AddMemberAsync(A("g"), $"x=y+z@{Domain}", None);
        Assert.That(await Dir.Expander.ExpandAsync(A("g"), None), Is.EqualTo(new[] { $"x=y+z@{Domain}" }));
    }
}
