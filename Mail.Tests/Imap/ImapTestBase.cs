using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit.Net.Imap;
using MailKit.Security;
using Mail.Server.Imap;
using Mail.Server.Imap.Protocol;
using Mail.Server.Net;
using Mail.Server.Security;
using Mail.Server.Smtp;
using Mail.Server.Store;
using Mail.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mail.Tests.Imap;

/// <summary>An IMAP server on real loopback sockets over a real slapd and a temporary store: a plain port with
/// STARTTLS (plaintext login allowed on loopback unless a test says otherwise) and an implicit-TLS port.</summary>
internal abstract class ImapTestBase : DirectoryTestBase
{
    private readonly List<TcpServer> _servers = [];
    private string _root = null!;

    protected MessageStore Store { get; private set; } = null!;

    protected X509Certificate2 Certificate { get; private set; } = null!;

    protected int PlainPort { get; private set; }

    protected int TlsPort { get; private set; }

    /// <summary>A second plain port whose server refuses login without TLS even on loopback.</summary>
    protected int StrictPort { get; private set; }

    [SetUp]
    public async Task StartImapAsync()
    {
        await AddUserAsync("annv");
        await AddUserAsync("binhtt", "Trần Thị Bình");
        _root = TestFolder.New("imap");
        Store = new MessageStore(_root);
        Certificate = TestCertificate.Create();
        PlainPort = FreePort.Retry(() => Start(FreePort.Next(), implicitTls: false, allowPlaintext: true));
        TlsPort = FreePort.Retry(() => Start(FreePort.Next(), implicitTls: true, allowPlaintext: false));
        StrictPort = FreePort.Retry(() => Start(FreePort.Next(), implicitTls: false, allowPlaintext: false));
        await Task.CompletedTask;
    }

    [TearDown]
    public async Task StopImapAsync()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _servers.Clear();
        Certificate.Dispose();
        TestFolder.Remove(_root);
    }

    /// <summary>A MailKit client logged in as <paramref name="local"/> over the plain port.</summary>
    protected async Task<ImapClient> ClientAsync(string local = "annv")
    {
        var client = new ImapClient { ServerCertificateValidationCallback = TestCertificate.Pin(Certificate) };
        await client.ConnectAsync("127.0.0.1", PlainPort, SecureSocketOptions.None);
        await client.AuthenticateAsync(A(local), GoodPassword);
        return client;
    }

    /// <summary>A raw dialog logged in as <paramref name="local"/> over the plain port.</summary>
    protected async Task<ImapDialog> DialogAsync(string local = "annv")
    {
        var dialog = await ImapDialog.ConnectAsync(PlainPort);
        Assert.That(await dialog.TaggedAsync($"LOGIN {A(local)} \"{GoodPassword}\""), Does.Contain("OK"));
        return dialog;
    }

    /// <summary>Delivers a message to INBOX as SMTP would.</summary>
    protected async Task DeliverAsync(string local, string subject, string body = "Nội dung thư.\r\n", string? extraHeaders = null)
    {
        var text = $"From: \"Sở GD\" <vanphong@sgd.example>\r\nTo: {A(local)}\r\nSubject: {subject}\r\nDate: Sun, 29 Nov 2026 08:00:00 +0700\r\n" +
            $"Message-ID: <{Guid.NewGuid():N}@sgd.example>\r\n{extraHeaders}MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n" +
            $"Content-Transfer-Encoding: 8bit\r\n\r\n{body}";
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        await Store.DeliverAsync(stream, [A(local)], DateTimeOffset.UtcNow, CancellationToken.None);
    }

    /// <summary>Starts a server on <paramref name="port"/>; returns the port once it listens.</summary>
    private int Start(int port, bool implicitTls, bool allowPlaintext)
    {
        var services = new ImapServices(Dir, Store, new AuthThrottle(new AuthThrottleOptions(), TimeProvider.System),
            new QuotaCheck(Dir, Store, 1L << 30, TimeSpan.Zero, TimeProvider.System), "mail.test.edu.vn", allowPlaintext, new ImapLimits(),
            NullLogger.Instance);
        var server = new TcpServer("IMAP", [new System.Net.IPEndPoint(System.Net.IPAddress.Loopback, port)], implicitTls, Certificate,
            new ConnectionLimiter(100, 1000), "* BYE too many\r\n"u8.ToArray(), new ImapConnectionHandler(services, offersStartTls: !implicitTls),
            NullLogger.Instance);
        _servers.Add(server);
        server.Start();
        return port;
    }
}
