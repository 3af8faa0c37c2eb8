using Mail.Directory;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Directory;

/// <summary>slapd closes connections that sat idle (idletimeout); the client library then reconnects them without the
/// service bind, and slapd answers every request on them "unwilling to perform: authentication required". The next
/// calls must simply work, as they must after a restart. (A request caught in the close fails with a "Success" result
/// instead; both happened to the running appliance after ten quiet minutes, dropping SMTP sessions without a reply.)</summary>
[NonParallelizable]
internal sealed class IdleConnectionTests
{
    [Test]
    public async Task ServiceConnectionsSlapdClosedWhileIdle_AreBoundAgain_SoLookupsAndChangesKeepWorking()
    {
        await using var slapd = await SlapdFixture.StartAsync(idleTimeoutSeconds: 1);
        using var directory = slapd.NewDirectory(o =>
        {
            o.ServiceConnections = 2;
            o.CacheSeconds = 0; // every login asks slapd
        });
        var domain = await SlapdFixture.NewDomainAsync(directory);
        var user = $"annv@{domain}";
        await directory.Accounts.AddAsync(user, "Nguyễn Văn An", "Xin-chao-2026!", CancellationToken.None);
        Assert.That((await directory.Resolver.ResolveAsync(user, CancellationToken.None, useCache: false)).Kind, Is.EqualTo(AddressKind.Account));
        Assert.That((await directory.Authenticator.AuthenticateAsync(user, "Xin-chao-2026!", CancellationToken.None)).Succeeded, Is.True);

        for (var round = 0; round < 3; round++)
        {
            // Past the idle timeout (slapd looks at idle connections about once a second).
            await Task.Delay(TimeSpan.FromSeconds(3));
            var lookups = Enumerable.Range(0, 8).Select(_ => directory.Resolver.ResolveAsync(user, CancellationToken.None, useCache: false)).ToArray();
            Assert.That((await Task.WhenAll(lookups)).Select(r => r.Kind), Has.All.EqualTo(AddressKind.Account), $"round {round}");
            Assert.That((await directory.Resolver.ResolveAsync($"ghost@{domain}", CancellationToken.None, useCache: false)).Kind, Is.EqualTo(AddressKind.Unknown));
            Assert.That((await directory.Authenticator.AuthenticateAsync(user, "Xin-chao-2026!", CancellationToken.None)).Succeeded, Is.True, "login on an idle-closed connection");
            Assert.That((await directory.Authenticator.AuthenticateAsync(user, "Wrong-pass-77", CancellationToken.None)).Succeeded, Is.False);
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        await directory.Accounts.AddAsync($"binhtt@{domain}", "Trần Thị Bình", "Xin-chao-2026!", CancellationToken.None);
        Assert.That((await directory.Resolver.ResolveAsync($"binhtt@{domain}", CancellationToken.None, useCache: false)).Kind, Is.EqualTo(AddressKind.Account));
    }
}
