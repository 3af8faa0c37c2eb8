using System.Security.Cryptography.X509Certificates;
using System.Text;
using MailKit.Net.Pop3;
using MailKit.Security;
using Mail.Directory;
using Mail.Server.Hosting;
using Mail.Server.Pop3;
using Mail.Server.Security;
using Mail.Server.Store;
using Mail.Tests.Fixtures;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mail.Tests.Pop3;

/// <summary>A POP3 server on real sockets (a port with STLS and a port with implicit TLS) over the real store and a real
/// slapd, with a fresh domain and the account annv@ per test.</summary>
internal abstract class Pop3TestBase : DirectoryTestBase
{
    /// <summary>A message with Vietnamese UTF-8 text, a line starting with ".", a line that is only "." and no
    /// trailing surprises: what POP3 must hand back byte for byte.</summary>
    protected const string VietnameseMessage =
        "From: =?UTF-8?B?VHLhuqduIFRo4buLIELDrG5o?= <binhtt@sgd.example>\r\n" +
        "Subject: =?UTF-8?B?SOG7jXAgdOG7lSBUb8Ohbg==?=\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "Content-Transfer-Encoding: 8bit\r\n" +
        "\r\n" +
        "Kính gửi các thầy cô tổ Toán,\r\n" +
        ".Dòng này bắt đầu bằng dấu chấm.\r\n" +
        ".\r\n" +
        "..hai chấm\r\n" +
        "Họp tổ lúc 14 giờ thứ Năm.\r\n";

    private readonly List<Pop3Server> _servers = [];
    private string _root = null!;

    protected MessageStore Store { get; private set; } = null!;

    protected X509Certificate2 Certificate { get; private set; } = null!;

    /// <summary>The default server's port with STLS (plaintext login refused).</summary>
    protected int PlainPort { get; private set; }

    /// <summary>The default server's implicit-TLS port.</summary>
    protected int TlsPort { get; private set; }

    [SetUp]
    public async Task StartPop3Async()
    {
        await AddUserAsync("annv");
        _root = TestFolder.New("pop3");
        Store = new MessageStore(Path.Combine(_root, "store"));
        Certificate = TestCertificate.Create();
        (PlainPort, TlsPort) = StartServer();
    }

    [TearDown]
    public async Task StopPop3Async()
    {
        foreach (var server in _servers)
        {
            await server.DisposeAsync();
        }

        _servers.Clear();
        Certificate.Dispose();
        TestFolder.Remove(_root);
    }

    /// <summary>Starts one more server (on new ports) over the same store; returns its STLS and implicit-TLS ports.</summary>
    protected (int Plain, int Tls) StartServer(
        Action<ApplianceOptions>? configure = null, Action<Pop3Options>? limits = null, MailDirectory? directory = null, AuthThrottle? throttle = null)
    {
        // A short slow-down keeps the throttle's rules and the tests fast.
        throttle ??= new AuthThrottle(new AuthThrottleOptions { SlowDelay = TimeSpan.FromMilliseconds(20) }, TimeProvider.System);
        return FreePort.Retry(() =>
        {
            var options = new ApplianceOptions { Hostname = "mail.test.edu.vn" };
            options.Listen.Address = "127.0.0.1";
            options.Pop3.Port = FreePort.Next();
            options.Pop3Tls.Port = FreePort.Next();
            configure?.Invoke(options);
            var server = Pop3Server.Create(options, directory ?? Dir, Store, throttle, Certificate, NullLogger.Instance, limits);
            _servers.Add(server);
            server.Start();
            return (options.Pop3.Port, options.Pop3Tls.Port);
        });
    }

    /// <summary>Delivers a message to the accounts' INBOXes as SMTP would; returns the result (body and UIDs).</summary>
    protected async Task<DeliveryResult> DeliverAsync(string text, params string[] accounts)
    {
        using var message = new MemoryStream(Encoding.UTF8.GetBytes(text));
        return await Store.DeliverAsync(message, accounts, DateTimeOffset.UtcNow, CancellationToken.None);
    }

    /// <summary>A short message with the subject <paramref name="subject"/>.</summary>
    protected static string Simple(string subject) => $"Subject: {subject}\r\nFrom: gv@sgd.example\r\n\r\nNội dung {subject}.\r\n";

    /// <summary>annv's INBOX.</summary>
    protected MailboxInfo Inbox(string local = "annv") => Store.Index.Mailboxes(A(local)).Single(m => m.Name == "INBOX");

    /// <summary>A MailKit client that trusts exactly the test's own certificate.</summary>
    protected Pop3Client PinnedClient() => new()
    {
        ServerCertificateValidationCallback = TestCertificate.Pin(Certificate),
    };

    /// <summary>A MailKit client logged in as <paramref name="user"/> over implicit TLS.</summary>
    protected async Task<Pop3Client> LoggedInAsync(string user)
    {
        var client = PinnedClient();
        await client.ConnectAsync("127.0.0.1", TlsPort, SecureSocketOptions.SslOnConnect);
        await client.AuthenticateAsync(user, GoodPassword);
        return client;
    }

    /// <summary>A raw dialog with the server on <paramref name="port"/>, trusting the test's certificate.</summary>
    protected Task<Pop3Dialog> ConnectAsync(int port, bool implicitTls = false) => Pop3Dialog.ConnectAsync(port, Certificate.Thumbprint, implicitTls);

    /// <summary>A raw dialog logged in as annv over implicit TLS (USER/PASS).</summary>
    protected async Task<Pop3Dialog> RawLoggedInAsync(string local = "annv")
    {
        var dialog = await ConnectAsync(TlsPort, implicitTls: true);
        Assert.That(await dialog.CommandAsync("USER " + A(local)), Does.StartWith("+OK"));
        Assert.That(await dialog.CommandAsync("PASS " + GoodPassword), Does.StartWith("+OK"));
        return dialog;
    }

    /// <summary>The stored bytes of one message of annv's INBOX.</summary>
    protected async Task<byte[]> StoredBytesAsync(long uid, string local = "annv")
    {
        var (hash, _) = Store.Index.Message(Inbox(local).Id, uid)!.Value;
        return await File.ReadAllBytesAsync(Store.Bodies.PathOf(hash));
    }

    /// <summary>A PLAIN response (RFC 4616) in base64.</summary>
    protected static string Plain(string user, string password, string authorization = "") =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"{authorization}\0{user}\0{password}"));
}
