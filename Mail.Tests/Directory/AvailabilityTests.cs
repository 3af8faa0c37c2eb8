using Mail.Directory;
using Mail.Directory.Ldap;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Directory;

/// <summary>A stopped or frozen slapd gives a fast "temporarily unavailable", never "unknown user", and the
/// same client recovers by itself when slapd is back.</summary>
[NonParallelizable]
internal sealed class AvailabilityTests
{
    private const string Password = "Xin-chao-2026!";
    private SlapdFixture _slapd = null!;
    private MailDirectory _dir = null!;
    private string _user = null!;

    [SetUp]
    public async Task StartAsync()
    {
        _slapd = await SlapdFixture.StartAsync();
        _dir = _slapd.NewDirectory();
        var domain = await SlapdFixture.NewDomainAsync(_dir);
        _user = $"annv@{domain}";
        await _dir.Accounts.AddAsync(_user, "Nguyễn Văn An", Password, CancellationToken.None);
    }

    [TearDown]
    public async Task StopAsync()
    {
        if (_slapd.SlapdPid > 0)
        {
            _ = Signal("CONT", _slapd.SlapdPid);
        }

        _dir.Dispose();
        await _slapd.DisposeAsync();
    }

    [Test]
    public async Task FrozenSlapd_GivesUnavailable_ThenRecovers()
    {
        Assert.That(Signal("STOP", _slapd.SlapdPid), Is.Zero);

        Assert.That(() => _dir.Resolver.ResolveAsync(_user, CancellationToken.None, useCache: false), Throws.TypeOf<DirectoryUnavailableException>());
        Assert.That(() => _dir.Authenticator.AuthenticateAsync(_user, Password, CancellationToken.None), Throws.TypeOf<DirectoryUnavailableException>());
        Assert.That(() => _dir.Accounts.AddAsync("x@" + _user.Split('@')[1], "X", Password, CancellationToken.None), Throws.TypeOf<DirectoryUnavailableException>());

        Assert.That(Signal("CONT", _slapd.SlapdPid), Is.Zero);
        Assert.That(await Eventually.TrueAsync(
            async () => (await _dir.Resolver.ResolveAsync(_user, CancellationToken.None, useCache: false)).Kind == AddressKind.Account,
            TimeSpan.FromSeconds(20)), Is.True, "the client did not recover after SIGCONT");
        Assert.That((await _dir.Authenticator.AuthenticateAsync(_user, Password, CancellationToken.None)).Succeeded, Is.True);
    }

    [Test]
    public async Task StoppedSlapd_GivesUnavailable_ThenRecoversAfterRestart()
    {
        Assert.That((await _dir.Authenticator.AuthenticateAsync(_user, Password, CancellationToken.None)).Succeeded, Is.True);
        await _slapd.StopSlapdAsync();

        Assert.That(() => _dir.Resolver.ResolveAsync(_user, CancellationToken.None, useCache: false), Throws.TypeOf<DirectoryUnavailableException>());

        // _dir remembers the login above (see ARecentGoodLogin_StillSucceeds_WhileSlapdIsDown_ButNoOtherPassword);
        // a client with nothing remembered must get "unavailable".
        using (var fresh = _slapd.NewDirectory())
        {
            Assert.That(() => fresh.Authenticator.AuthenticateAsync(_user, Password, CancellationToken.None), Throws.TypeOf<DirectoryUnavailableException>());
        }

        Assert.That(() => _dir.Expander.ExpandAsync("g@" + _user.Split('@')[1], CancellationToken.None), Throws.TypeOf<DirectoryUnavailableException>());

        await _slapd.StartSlapdAsync();
        // Recovery is proven by calls that need slapd (the remembered login alone would not).
        Assert.That(await Eventually.TrueAsync(
            async () => (await _dir.Resolver.ResolveAsync(_user, CancellationToken.None, useCache: false)).Kind == AddressKind.Account,
            TimeSpan.FromSeconds(20)), Is.True, "the client did not recover after slapd restarted");
        Assert.That((await _dir.Authenticator.AuthenticateAsync(_user, Password, CancellationToken.None)).Succeeded, Is.True);
        Assert.That((await _dir.Authenticator.AuthenticateAsync(_user, "Wrong-pass-77", CancellationToken.None)).Succeeded, Is.False);
        Assert.That((await _dir.Resolver.ResolveAsync("ghost@" + _user.Split('@')[1], CancellationToken.None, useCache: false)).Kind, Is.EqualTo(AddressKind.Unknown));
    }

    [Test]
    public async Task ConnectionsTheServerClosedWhileIdle_AreReplaced_WithoutAnyCallFailing()
    {
        // slapd closes idle connections (idletimeout) and a restart closes all: the next calls must simply work.
        Assert.That((await _dir.Authenticator.AuthenticateAsync(_user, Password, CancellationToken.None)).Succeeded, Is.True);
        Assert.That((await _dir.Resolver.ResolveAsync(_user, CancellationToken.None, useCache: false)).Kind, Is.EqualTo(AddressKind.Account));
        await _slapd.StopSlapdAsync();
        await _slapd.StartSlapdAsync();

        Assert.That((await _dir.Authenticator.AuthenticateAsync(_user, Password, CancellationToken.None)).Succeeded, Is.True);
        Assert.That((await _dir.Authenticator.AuthenticateAsync(_user, "Wrong-pass-77", CancellationToken.None)).Succeeded, Is.False);
        Assert.That((await _dir.Resolver.ResolveAsync(_user, CancellationToken.None, useCache: false)).Kind, Is.EqualTo(AddressKind.Account));
    }

    [Test]
    public void ASearchTheServerRefuses_IsUnavailable_NotAnEmptyAnswer()
    {
        // slapd refuses a malformed base (invalidDNSyntax): that is "could not look", which must never read as "nobody".
        Assert.That(() => _dir.Gateway.SearchAsync("not a dn", "(objectClass=*)", System.DirectoryServices.Protocols.SearchScope.Base, ["cn"], CancellationToken.None),
            Throws.TypeOf<DirectoryUnavailableException>());
        Assert.That(() => _dir.Gateway.ReadAsync("not a dn", ["cn"], CancellationToken.None), Throws.TypeOf<DirectoryUnavailableException>());
    }

    [Test]
    public async Task CachedResolution_StillAnswers_WhileSlapdIsDown()
    {
        Assert.That((await _dir.Resolver.ResolveAsync(_user, CancellationToken.None)).Kind, Is.EqualTo(AddressKind.Account));
        await _slapd.StopSlapdAsync();
        Assert.That((await _dir.Resolver.ResolveAsync(_user, CancellationToken.None)).Kind, Is.EqualTo(AddressKind.Account));
    }

    [Test]
    public async Task ARecentGoodLogin_StillSucceeds_WhileSlapdIsDown_ButNoOtherPassword()
    {
        Assert.That((await _dir.Authenticator.AuthenticateAsync(_user, Password, CancellationToken.None)).Succeeded, Is.True);
        await _slapd.StopSlapdAsync();
        Assert.That((await _dir.Authenticator.AuthenticateAsync(_user, Password, CancellationToken.None)).Succeeded, Is.True,
            "remembered for the cache lifetime, like the address it resolved");
        Assert.That(() => _dir.Authenticator.AuthenticateAsync(_user, "Wrong-pass-77", CancellationToken.None), Throws.TypeOf<DirectoryUnavailableException>(),
            "any other password needs the directory");
    }

    private static int Signal(string signal, int pid)
    {
        using var kill = System.Diagnostics.Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        return kill.ExitCode;
    }
}
