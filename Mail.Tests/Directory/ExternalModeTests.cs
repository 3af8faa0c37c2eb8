using Mail.Directory;
using Mail.Directory.Ldap;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Directory;

/// <summary>External mode against a real slapd that the appliance did not provision for itself: lookups,
/// binds and expansion work through the attribute map; every change is refused.</summary>
internal sealed class ExternalModeTests : DirectoryTestBase
{
    [Test]
    public async Task External_ReadsButNeverWrites()
    {
        await AddUserAsync("annv");
        await Dir.Groups.AddAsync(A("g"), "G", SenderPolicy.Members, None);
        await Dir.Groups.AddMemberAsync(A("g"), A("annv"), None);
        await Dir.Groups.AddMemberAsync(A("g"), "partner@moet.gov.vn", None);

        using var external = Slapd.NewDirectory(o =>
        {
            o.Mode = DirectoryMode.External;
            o.Url = $"ldap://127.0.0.1:{Slapd.Options.Port}";
            o.Domains.Add(Domain);
        });
        Assert.Multiple(async () =>
        {
            Assert.That((await external.Resolver.ResolveAsync(A("annv"), None)).Kind, Is.EqualTo(AddressKind.Account));
            Assert.That((await external.Resolver.ResolveAsync("x@elsewhere.vn", None)).Kind, Is.EqualTo(AddressKind.NotHosted));
            Assert.That((await external.Authenticator.AuthenticateAsync(A("annv"), GoodPassword, None)).Succeeded, Is.True);
            Assert.That(await external.Expander.ExpandAsync(A("g"), None), Is.EqualTo(new[] { A("annv"), "partner@moet.gov.vn" }));
            Assert.That(await external.SenderPolicies.MayPostAsync(A("g"), A("annv"), None), Is.True);
        });

        Assert.That(() => external.Accounts.AddAsync(A("new"), "New", GoodPassword, None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("read-only"));
        Assert.That(() => external.Groups.AddMemberAsync(A("g"), A("annv"), None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("read-only"));
        Assert.That(() => external.Domains.AddAsync("new.edu.vn", None),
            Throws.TypeOf<DirectoryRequestRejectedException>().With.Message.Contains("read-only"));
    }
}
