using MailKit.Net.Pop3;
using MailKit.Security;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Pop3;

/// <summary>The AUTHORIZATION state: greeting, CAPA, STLS, USER/PASS, AUTH PLAIN, the TLS rule, the throttle and the
/// directory.</summary>
internal sealed class Pop3LoginTests : Pop3TestBase
{
    [Test]
    public async Task MailKit_OverStls_WithAuthPlain_SeesTheInbox()
    {
        await DeliverAsync(Simple("một"), A("annv"));
        await DeliverAsync(Simple("hai"), A("annv"));
        using var client = PinnedClient();
        await client.ConnectAsync("127.0.0.1", PlainPort, SecureSocketOptions.StartTls);
        Assert.That(client.IsSecure, Is.True);
        Assert.That(client.AuthenticationMechanisms, Does.Contain("PLAIN"));
        await client.AuthenticateAsync(new SaslMechanismPlain(new System.Net.NetworkCredential(A("annv"), GoodPassword)));
        Assert.That(client.Count, Is.EqualTo(2));
        await client.DisconnectAsync(true);
    }

    [Test]
    public async Task MailKit_OverImplicitTls_WithUserPass_SeesTheInbox()
    {
        await DeliverAsync(Simple("một"), A("annv"));
        using var client = PinnedClient();
        await client.ConnectAsync("127.0.0.1", TlsPort, SecureSocketOptions.SslOnConnect);
        Assert.That(client.Capabilities.HasFlag(Pop3Capabilities.User), Is.True);

        // Without SASL mechanisms MailKit falls back to USER and PASS.
        client.AuthenticationMechanisms.Clear();
        await client.AuthenticateAsync(A("annv"), GoodPassword);
        Assert.That(client.Count, Is.EqualTo(1));
        await client.DisconnectAsync(true);
    }

    [Test]
    public async Task Greeting_HasTheHostnameAndNoVersion_AndCapaOffersOnlyStlsBeforeTls()
    {
        await using var pop3 = await ConnectAsync(PlainPort);
        Assert.That(pop3.Greeting, Is.EqualTo("+OK mail.test.edu.vn POP3 ready"));

        var (first, plain) = await pop3.MultiLineAsync("CAPA");
        Assert.That(first, Does.StartWith("+OK"));
        Assert.That(plain, Is.EquivalentTo(new[] { "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "STLS" }));

        await pop3.StartTlsAsync();
        var (_, secure) = await pop3.MultiLineAsync("CAPA");
        Assert.That(secure, Is.EquivalentTo(new[] { "TOP", "UIDL", "RESP-CODES", "AUTH-RESP-CODE", "PIPELINING", "USER", "SASL PLAIN" }));
        Assert.That(await pop3.CommandAsync("STLS"), Does.StartWith("-ERR"), "no second TLS layer");
    }

    [Test]
    public async Task LoginBeforeTls_IsRefused_AndWorksAfterStls()
    {
        await using var pop3 = await ConnectAsync(PlainPort);
        Assert.That(await pop3.CommandAsync("USER " + A("annv")), Does.StartWith("-ERR [AUTH] TLS is required"));
        Assert.That(await pop3.CommandAsync("PASS " + GoodPassword), Does.StartWith("-ERR [AUTH] TLS is required"));
        Assert.That(await pop3.CommandAsync("AUTH PLAIN " + Plain(A("annv"), GoodPassword)), Does.StartWith("-ERR [AUTH] TLS is required"));
        Assert.That(await pop3.CommandAsync("STAT"), Does.StartWith("-ERR"), "still not logged in");

        await pop3.StartTlsAsync();
        Assert.That(await pop3.CommandAsync("AUTH PLAIN " + Plain(A("annv"), GoodPassword)), Is.EqualTo("+OK 0 messages (0 octets)"));
    }

    [Test]
    public async Task LoginWithoutTls_OnLoopback_WorksWhenTheApplianceAllowsIt()
    {
        var (plain, _) = StartServer(o => o.AllowPlaintextAuthOnLoopback = true);
        await using var pop3 = await ConnectAsync(plain);
        var (_, capabilities) = await pop3.MultiLineAsync("CAPA");
        Assert.That(capabilities, Does.Contain("USER").And.Contain("SASL PLAIN").And.Contain("STLS"));
        Assert.That(await pop3.CommandAsync("USER " + A("annv")), Does.StartWith("+OK"));
        Assert.That(await pop3.CommandAsync("PASS " + GoodPassword), Does.StartWith("+OK"));
        Assert.That(await pop3.CommandAsync("STAT"), Is.EqualTo("+OK 0 0"));
    }

    [Test]
    public async Task AnAccountThatNeverReceivedMail_HasAnEmptyMaildrop()
    {
        Assert.That(Store.Index.Mailboxes(A("annv")), Is.Empty);
        await using var pop3 = await RawLoggedInAsync();
        Assert.That(await pop3.CommandAsync("STAT"), Is.EqualTo("+OK 0 0"));
        var (first, lines) = await pop3.MultiLineAsync("LIST");
        Assert.That((first, lines), Is.EqualTo(("+OK 0 messages (0 octets)", new List<string>())));
        Assert.That(Inbox().Messages, Is.Zero, "the INBOX exists now");
    }

    [Test]
    public async Task WrongPassword_AndUnknownUser_GetTheSameAuthError()
    {
        await using var pop3 = await ConnectAsync(TlsPort, implicitTls: true);
        await pop3.CommandAsync("USER " + A("annv"));
        var wrong = await pop3.CommandAsync("PASS Wrong-pass-77");
        await pop3.CommandAsync("USER " + A("ghost"));
        var unknown = await pop3.CommandAsync("PASS " + GoodPassword);
        var plain = await pop3.CommandAsync("AUTH PLAIN " + Plain(A("ghost"), GoodPassword));

        Assert.That(wrong, Is.EqualTo("-ERR [AUTH] invalid user name or password"));
        Assert.That(unknown, Is.EqualTo(wrong), "the reply never tells whether the user exists");
        Assert.That(plain, Is.EqualTo(wrong));
        Assert.That(await pop3.CommandAsync("USER " + A("annv")), Does.StartWith("+OK"), "the session goes on");
        Assert.That(await pop3.CommandAsync("PASS " + GoodPassword), Does.StartWith("+OK"));
    }

    [Test]
    public async Task MailKit_WrongPassword_IsAnAuthenticationFailure()
    {
        using var client = PinnedClient();
        await client.ConnectAsync("127.0.0.1", TlsPort, SecureSocketOptions.SslOnConnect);
        Assert.That(() => client.AuthenticateAsync(A("annv"), "Wrong-pass-77"), Throws.TypeOf<AuthenticationException>());
    }

    [Test]
    public async Task FiveFailures_ThenEvenTheRightPasswordIsRefusedForAWhile()
    {
        await using var pop3 = await ConnectAsync(TlsPort, implicitTls: true);
        for (var i = 0; i < 5; i++)
        {
            Assert.That(await pop3.CommandAsync("AUTH PLAIN " + Plain(A("annv"), "Wrong-pass-" + i)), Does.StartWith("-ERR [AUTH] "));
        }

        Assert.That(await pop3.CommandAsync("AUTH PLAIN " + Plain(A("annv"), GoodPassword)), Does.StartWith("-ERR [SYS/TEMP] "));

        await using var again = await ConnectAsync(TlsPort, implicitTls: true);
        await again.CommandAsync("USER " + A("annv"));
        Assert.That(await again.CommandAsync("PASS " + GoodPassword), Does.StartWith("-ERR [SYS/TEMP] "), "the block is per address, not per connection");
    }

    [Test]
    public async Task AliasLogin_SeesTheAccountsMaildrop()
    {
        await Dir.Aliases.AddAsync(A("annv"), A("an.nguyen"), None);
        await DeliverAsync(Simple("cho An"), A("annv"));
        using var client = PinnedClient();
        await client.ConnectAsync("127.0.0.1", TlsPort, SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(A("an.nguyen"), GoodPassword);
        Assert.That(client.Count, Is.EqualTo(1));
        var message = await client.GetMessageAsync(0);
        Assert.That(message.Subject, Is.EqualTo("cho An"));
    }

    [Test]
    public async Task DirectoryDown_IsATemporaryFailure_NeverAnAuthError()
    {
        using var unreachable = Slapd.NewDirectory(o => o.Port = FreePort.Next());
        var (_, tls) = StartServer(directory: unreachable);
        await using var pop3 = await ConnectAsync(tls, implicitTls: true);
        await pop3.CommandAsync("USER " + A("annv"));
        Assert.That(await pop3.CommandAsync("PASS " + GoodPassword), Does.StartWith("-ERR [SYS/TEMP] "));
    }

    [Test]
    public async Task AuthPlain_WithAContinuation_AndCancelled()
    {
        await using var pop3 = await ConnectAsync(TlsPort, implicitTls: true);
        Assert.That(await pop3.CommandAsync("AUTH PLAIN"), Is.EqualTo("+ "));
        Assert.That(await pop3.CommandAsync("*"), Does.StartWith("-ERR"));
        Assert.That(await pop3.CommandAsync("AUTH LOGIN"), Does.StartWith("-ERR"), "only PLAIN");
        Assert.That(await pop3.CommandAsync("AUTH PLAIN " + Plain(A("annv"), GoodPassword, authorization: A("binhtt"))), Does.StartWith("-ERR"),
            "nobody logs in as someone else");
        Assert.That(await pop3.CommandAsync("AUTH PLAIN !!notbase64"), Does.StartWith("-ERR"));
        var (first, mechanisms) = await pop3.MultiLineAsync("AUTH");
        Assert.That((first, mechanisms), Is.EqualTo(("+OK", new List<string> { "PLAIN" })));

        Assert.That(await pop3.CommandAsync("AUTH PLAIN"), Is.EqualTo("+ "));
        Assert.That(await pop3.CommandAsync(Plain(A("annv"), GoodPassword, authorization: A("annv"))), Does.StartWith("+OK"));
        Assert.That(await pop3.CommandAsync("STAT"), Is.EqualTo("+OK 0 0"));
    }

    [Test]
    public async Task PassWithoutUser_AndTransactionCommandsBeforeLogin_AreRefused()
    {
        await using var pop3 = await ConnectAsync(TlsPort, implicitTls: true);
        Assert.That(await pop3.CommandAsync("PASS " + GoodPassword), Does.StartWith("-ERR"));
        foreach (var command in new[] { "STAT", "LIST", "RETR 1", "DELE 1", "NOOP", "RSET", "TOP 1 0", "UIDL" })
        {
            Assert.That(await pop3.CommandAsync(command), Does.StartWith("-ERR"), command);
        }

        Assert.That(await pop3.CommandAsync("QUIT"), Is.EqualTo("+OK mail.test.edu.vn POP3 signing off"));
        Assert.That(await pop3.ReadLineAsync(), Is.Null, "closed after QUIT");
    }

    [Test]
    public async Task AfterLogin_AuthorizationCommandsAreRefused()
    {
        await using var pop3 = await RawLoggedInAsync();
        Assert.That(await pop3.CommandAsync("USER " + A("annv")), Does.StartWith("-ERR"));
        Assert.That(await pop3.CommandAsync("AUTH PLAIN " + Plain(A("annv"), GoodPassword)), Does.StartWith("-ERR"));
        Assert.That(await pop3.CommandAsync("NOOP"), Is.EqualTo("+OK"));
    }
}
