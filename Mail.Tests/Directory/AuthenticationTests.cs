using Mail.Directory;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Directory;

internal sealed class AuthenticationTests : DirectoryTestBase
{
    [Test]
    public async Task RightPassword_Succeeds_ByAddressOrAlias()
    {
        await AddUserAsync("annv");
        await Dir.Aliases.AddAsync(A("annv"), A("an"), None);
        var byAddress = await Dir.Authenticator.AuthenticateAsync(A("ANNV"), GoodPassword, None);
        var byAlias = await Dir.Authenticator.AuthenticateAsync(A("an"), GoodPassword, None);
        Assert.That((byAddress.Outcome, byAddress.Account), Is.EqualTo((AuthenticationOutcome.Success, A("annv"))));
        Assert.That((byAlias.Outcome, byAlias.Account), Is.EqualTo((AuthenticationOutcome.Success, A("annv"))));
    }

    [TestCase("wrong-Password-1")]
    [TestCase("")]
    [TestCase("xin-chao-2026!")]
    public async Task WrongOrEmptyPassword_Fails(string password)
    {
        await AddUserAsync("annv");
        var result = await Dir.Authenticator.AuthenticateAsync(A("annv"), password, None);
        Assert.That(result.Outcome, Is.EqualTo(AuthenticationOutcome.InvalidCredentials));
        Assert.That(result.Account, Is.Null);
    }

    [Test]
    public async Task UnknownLoginOrGroup_Fails()
    {
        await Dir.Groups.AddAsync(A("g"), "G", SenderPolicy.Anyone, None);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("ghost"), GoodPassword, None)).Succeeded, Is.False);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("g"), GoodPassword, None)).Succeeded, Is.False);
        Assert.That((await Dir.Authenticator.AuthenticateAsync("admin", GoodPassword, None)).Succeeded, Is.False);
    }

    [Test]
    public async Task DisabledAccount_CannotAuthenticate_UntilEnabled()
    {
        await AddUserAsync("annv");
        await Dir.Accounts.SetDisabledAsync(A("annv"), true, None);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), GoodPassword, None)).Succeeded, Is.False);
        await Dir.Accounts.SetDisabledAsync(A("annv"), false, None);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), GoodPassword, None)).Succeeded, Is.True);
    }

    [Test]
    public async Task ChangedPassword_ReplacesTheOldOne()
    {
        await AddUserAsync("annv");
        await Dir.Accounts.SetPasswordAsync(A("annv"), "Mat-khau-moi-9", None);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), GoodPassword, None)).Succeeded, Is.False);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), "Mat-khau-moi-9", None)).Succeeded, Is.True);
    }

    [Test]
    public async Task ARememberedLogin_NeverLetsAnotherPasswordIn_AndChangesHereApplyAtOnce()
    {
        await AddUserAsync("annv");
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), GoodPassword, None)).Succeeded, Is.True);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), GoodPassword, None)).Succeeded, Is.True, "remembered");
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), "Wrong-pass-77", None)).Succeeded, Is.False);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), GoodPassword + " ", None)).Succeeded, Is.False);

        await Dir.Accounts.SetPasswordAsync(A("annv"), "Mat-khau-moi-9", None);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), GoodPassword, None)).Succeeded, Is.False, "the old password is forgotten");
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), "Mat-khau-moi-9", None)).Succeeded, Is.True);

        await Dir.Accounts.SetDisabledAsync(A("annv"), true, None);
        Assert.That((await Dir.Authenticator.AuthenticateAsync(A("annv"), "Mat-khau-moi-9", None)).Succeeded, Is.False, "disabled at once");
    }

    [Test]
    public async Task ConcurrentLogins_OfDifferentUsers_EachGetTheirOwnResult()
    {
        for (var i = 0; i < 6; i++)
        {
            await AddUserAsync($"u{i}");
        }

        var attempts = Enumerable.Range(0, 48).Select(async n =>
        {
            var user = A($"u{n % 6}");
            var right = n % 2 == 0;
            var result = await Dir.Authenticator.AuthenticateAsync(user, right ? GoodPassword : "Wrong-pass-77", None);
            return (right, result);
        });
        foreach (var (right, result) in await Task.WhenAll(attempts))
        {
            Assert.That(result.Succeeded, Is.EqualTo(right));
        }
    }
}
