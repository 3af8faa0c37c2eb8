using System.Text;

namespace Mail.Tests.Pop3;

/// <summary>Hostile or broken input: over-long lines, unknown and out-of-state commands, plaintext behind STLS, idle
/// clients, too many connections.</summary>
internal sealed class Pop3RobustnessTests : Pop3TestBase
{
    [Test]
    public async Task AnOverLongLine_GetsErr_AndTheSessionGoesOn()
    {
        await using var pop3 = await RawLoggedInAsync();
        Assert.That(await pop3.CommandAsync("LIST " + new string('9', 600)), Does.StartWith("-ERR line too long"));
        Assert.That(await pop3.CommandAsync("NOOP"), Is.EqualTo("+OK"));

        // Far beyond any buffer, sent in pieces: discarded as it arrives, answered once.
        var huge = Encoding.ASCII.GetBytes("NOOP " + new string('a', 300_000) + "\r\n");
        await pop3.SendAsync(huge);
        Assert.That(await pop3.ReadLineAsync(), Does.StartWith("-ERR line too long"));
        Assert.That(await pop3.CommandAsync("STAT"), Is.EqualTo("+OK 0 0"));
    }

    [Test]
    public async Task ALineOfExactlyTheLimit_IsAccepted()
    {
        await using var pop3 = await ConnectAsync(TlsPort, implicitTls: true);

        // 512 octets with the CRLF: "USER " and a 505-character name.
        Assert.That(await pop3.CommandAsync("USER " + new string('u', 505)), Does.StartWith("+OK"));
        Assert.That(await pop3.CommandAsync("USER " + new string('u', 506)), Does.StartWith("-ERR line too long"));
    }

    [Test]
    public async Task AnUnknownCommand_GetsErr_AndTheSessionGoesOn()
    {
        await using var pop3 = await RawLoggedInAsync();
        Assert.That(await pop3.CommandAsync("XYZZY"), Is.EqualTo("-ERR unknown command"));
        Assert.That(await pop3.CommandAsync("APOP annv 0123456789abcdef"), Is.EqualTo("-ERR unknown command"));
        Assert.That(await pop3.CommandAsync(string.Empty), Does.StartWith("-ERR"));
        Assert.That(await pop3.CommandAsync("stat"), Is.EqualTo("+OK 0 0"), "keywords are case-insensitive");
    }

    [Test]
    public async Task TenBadCommands_CloseTheConnection()
    {
        await using var pop3 = await ConnectAsync(TlsPort, implicitTls: true);
        for (var i = 0; i < 9; i++)
        {
            Assert.That(await pop3.CommandAsync("BAD" + i), Is.EqualTo("-ERR unknown command"));
        }

        Assert.That(await pop3.CommandAsync("BAD9"), Is.EqualTo("-ERR unknown command"));
        Assert.That(await pop3.ReadLineAsync(), Is.EqualTo("-ERR too many bad commands, closing"));
        Assert.That(await pop3.ReadLineAsync(), Is.Null);
    }

    [Test]
    public async Task PlaintextSentBehindStls_IsDropped()
    {
        await using var pop3 = await ConnectAsync(PlainPort);

        // The injected USER must not survive into the TLS session (RFC 2595 section 4, CVE-2011-0411 style).
        await pop3.SendAsync("STLS\r\nUSER " + A("annv") + "\r\n");
        Assert.That(await pop3.ReadLineAsync(), Does.StartWith("+OK"));
        await pop3.StartTlsWithoutCommandAsync();
        Assert.That(await pop3.CommandAsync("PASS " + GoodPassword), Is.EqualTo("-ERR send USER first"));
    }

    [Test]
    public async Task AnIdleClient_IsDisconnected_WithoutUpdate()
    {
        await DeliverAsync(Simple("một"), A("annv"));
        var (_, tls) = StartServer(limits: l => l.IdleTimeout = TimeSpan.FromSeconds(2));
        await using var pop3 = await ConnectAsync(tls, implicitTls: true);
        await pop3.CommandAsync("USER " + A("annv"));
        await pop3.CommandAsync("PASS " + GoodPassword);
        Assert.That(await pop3.CommandAsync("DELE 1"), Does.StartWith("+OK"));
        Assert.That(await pop3.ReadLineAsync(), Is.EqualTo("-ERR [SYS/TEMP] disconnected for inactivity"));
        Assert.That(await pop3.ReadLineAsync(), Is.Null);
        Assert.That(Store.Index.Uids(Inbox().Id), Has.Count.EqualTo(1), "an idle session never enters UPDATE");
    }

    [Test]
    public async Task TooManyConnectionsFromOneAddress_AreRefusedWithSysTemp()
    {
        var (_, tls) = StartServer(o => o.Limits.Pop3ConnectionsPerAddress = 2);
        await using var one = await ConnectAsync(tls, implicitTls: true);
        await using var two = await ConnectAsync(tls, implicitTls: true);
        Assert.That(one.Greeting, Does.StartWith("+OK"));
        Assert.That(two.Greeting, Does.StartWith("+OK"));

        // Refused before TLS: the refusal is plaintext on the raw socket.
        using var third = new System.Net.Sockets.TcpClient();
        await third.ConnectAsync("127.0.0.1", tls);
        using var reader = new StreamReader(third.GetStream(), Encoding.ASCII);
        Assert.That(await reader.ReadLineAsync(), Is.EqualTo("-ERR [SYS/TEMP] too many connections"));
    }
}
