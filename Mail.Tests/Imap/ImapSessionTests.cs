using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Imap;

/// <summary>Greeting, capabilities, login paths (LOGIN, AUTHENTICATE PLAIN with SASL-IR, STARTTLS, implicit TLS),
/// the TLS rule, the throttle and hostile input, on real sockets with real clients.</summary>
internal sealed class ImapSessionTests : ImapTestBase
{
    [Test]
    public async Task Greeting_HasNoVersion_AndCapabilitiesFollowTheState()
    {
        using var dialog = await ImapDialog.ConnectAsync(StrictPort);
        Assert.That(dialog.Greeting, Does.StartWith("* OK [CAPABILITY IMAP4rev1 IMAP4rev2 ").And.EndWith("mail.test.edu.vn IMAP ready"));
        Assert.That(dialog.Greeting, Does.Contain("STARTTLS").And.Contain("LOGINDISABLED").And.Not.Contain("AUTH=PLAIN"));
        Assert.That(await dialog.TaggedAsync($"LOGIN {A("annv")} \"{GoodPassword}\""), Does.Contain("NO [PRIVACYREQUIRED]"));
        Assert.That(await dialog.TaggedAsync("SELECT INBOX"), Does.Contain("BAD"), "not before login");
        Assert.That(await dialog.TaggedAsync("FROB"), Does.Contain("BAD unknown command FROB"));
    }

    [Test]
    public async Task MailKit_LogsInOverStartTls_AndOverImplicitTls_WithAuthenticatePlain()
    {
        using (var client = new ImapClient { ServerCertificateValidationCallback = TestCertificate.Pin(Certificate) })
        {
            await client.ConnectAsync("127.0.0.1", StrictPort, SecureSocketOptions.StartTls);
            Assert.That(client.AuthenticationMechanisms, Does.Contain("PLAIN"));
            await client.AuthenticateAsync(A("annv"), GoodPassword);
            Assert.That(client.Capabilities.HasFlag(ImapCapabilities.Idle) && client.Capabilities.HasFlag(ImapCapabilities.UidPlus), Is.True);
            await client.DisconnectAsync(true);
        }

        using (var client = new ImapClient { ServerCertificateValidationCallback = TestCertificate.Pin(Certificate) })
        {
            await client.ConnectAsync("127.0.0.1", TlsPort, SecureSocketOptions.SslOnConnect);
            await client.AuthenticateAsync(A("annv"), GoodPassword);
            Assert.That(client.Inbox, Is.Not.Null);
            await client.DisconnectAsync(true);
        }
    }

    [Test]
    public async Task AuthenticatePlain_WithAndWithoutInitialResponse_AndAnAlias()
    {
        await Dir.Aliases.AddAsync(A("annv"), A("an"), None);
        using var dialog = await ImapDialog.ConnectAsync(PlainPort);
        var plain = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"\0{A("an")}\0{GoodPassword}"));
        Assert.That(await dialog.TaggedAsync("AUTHENTICATE PLAIN " + plain), Does.Contain("OK [CAPABILITY"));
        Assert.That(string.Join('\n', await dialog.CommandAsync("LIST \"\" INBOX")), Does.Contain("* LIST (\\HasNoChildren) \"/\" \"INBOX\""));

        using var second = await ImapDialog.ConnectAsync(PlainPort);
        var tag = second.TakeTag();
        await second.SendRawAsync($"{tag} AUTHENTICATE PLAIN\r\n");
        Assert.That(await second.ReadLineAsync(), Is.EqualTo("+ "));
        await second.SendRawAsync(plain + "\r\n");
        Assert.That((await second.ReadUntilTaggedAsync(tag))[^1], Does.StartWith($"{tag} OK"));
    }

    [Test]
    public async Task CompressDeflate_WorksWithMailKit()
    {
        await DeliverAsync("annv", "Nén");
        using var client = await ClientAsync();
        Assert.That(client.Capabilities.HasFlag(ImapCapabilities.Compress), Is.True);
        await client.CompressAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        Assert.That(client.Inbox.Count, Is.EqualTo(1));
        await client.Inbox.AddFlagsAsync(0, MessageFlags.Flagged, silent: false);
        Assert.That((await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.Flagged)).Count, Is.EqualTo(1));
        await client.DisconnectAsync(true);
    }

    [Test]
    public async Task Python_Imaplib_LogsInListsAndSearches()
    {
        await DeliverAsync("annv", "Python");
        var script = $"""
            import imaplib, ssl
            ctx = ssl.create_default_context(); ctx.check_hostname = False; ctx.verify_mode = ssl.CERT_NONE
            m = imaplib.IMAP4_SSL('127.0.0.1', {TlsPort}, ssl_context=ctx)
            m.login('{A("annv")}', '{GoodPassword}')
            typ, boxes = m.list()
            print('LIST', typ, len(boxes))
            typ, data = m.select('INBOX')
            print('SELECT', typ, data[0].decode())
            typ, data = m.search(None, 'SUBJECT', 'python')
            print('SEARCH', typ, data[0].decode())
            m.logout()
            """;
        var start = new System.Diagnostics.ProcessStartInfo("python3") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        using var python = System.Diagnostics.Process.Start(start)!;
        await python.StandardInput.WriteAsync(script);
        python.StandardInput.Close();
        var output = await python.StandardOutput.ReadToEndAsync();
        var errors = await python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.That(python.ExitCode, Is.Zero, errors);
        Assert.That(output, Does.Contain("LIST OK 6").And.Contain("SELECT OK 1").And.Contain("SEARCH OK 1"));
    }

    [Test]
    public async Task WrongPasswords_GetAuthenticationFailed_ThenTheAddressIsRefused()
    {
        using var dialog = await ImapDialog.ConnectAsync(PlainPort);
        for (var i = 0; i < 5; i++)
        {
            Assert.That(await dialog.TaggedAsync($"LOGIN {A("annv")} Wrong-pass-{i}"), Does.Contain("NO [AUTHENTICATIONFAILED]"));
        }

        Assert.That(await dialog.TaggedAsync($"LOGIN {A("annv")} \"{GoodPassword}\""), Does.Contain("NO [UNAVAILABLE]"), "even the right password, for a while");
    }

    [Test]
    public async Task HostileInput_HugeLiteral_LongLine_DeepNesting_AreRefusedAndTheSessionGoesOn()
    {
        using var dialog = await DialogAsync();
        var tag = dialog.TakeTag();
        await dialog.SendRawAsync($"{tag} APPEND INBOX {{4294967295}}\r\n");
        Assert.That(await dialog.ReadLineAsync(), Does.StartWith($"{tag} NO [TOOBIG]"), "refused before any byte of it is read");

        Assert.That(await dialog.TaggedAsync("NOOP " + new string('x', 70_000)), Does.Contain("BAD").And.Contain("too long"));
        Assert.That(await dialog.TaggedAsync("STATUS INBOX " + new string('(', 40) + new string(')', 40)), Does.Contain("BAD"));
        Assert.That(await dialog.TaggedAsync("SELECT \"../../binhtt\""), Does.Contain("NO [NONEXISTENT]"));
        Assert.That(await dialog.TaggedAsync("CREATE \"a/../b\""), Does.Contain("NO [CANNOT]"));
        Assert.That(await dialog.TaggedAsync("NOOP"), Does.Contain("OK"), "still in step");
    }
}
