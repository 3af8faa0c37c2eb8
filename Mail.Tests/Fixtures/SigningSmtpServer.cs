using System.Security.Cryptography.X509Certificates;
using Mail.Directory;
using Mail.Server.Dkim;
using Mail.Server.Hosting;
using Mail.Server.Queue;
using Mail.Server.Security;
using Mail.Server.Smtp;
using Mail.Server.Store;

namespace Mail.Tests.Fixtures;

/// <summary>The appliance's SMTP server with DKIM signing on loopback free ports (MX and submission with STARTTLS) over a
/// store and spool in <see cref="Root"/>; listening when <see cref="StartAsync"/> returns, stopped and removed on dispose.</summary>
internal sealed class SigningSmtpServer : IAsyncDisposable
{
    private RunningSmtpServer? _server;

    private SigningSmtpServer(string root)
    {
        Root = root;
        Store = new MessageStore(Path.Combine(root, "store"));
        Spool = new OutboundSpool(Path.Combine(root, "spool"));
    }

    public string Root { get; }

    public MessageStore Store { get; }

    public OutboundSpool Spool { get; }

    public X509Certificate2 Certificate { get; } = TestCertificate.Create();

    public int MxPort { get; private set; }

    public int SubmissionPort { get; private set; }

    /// <summary>Starts a server for <paramref name="hostname"/> whose data lives in <paramref name="root"/>.</summary>
    public static async Task<SigningSmtpServer> StartAsync(MailDirectory directory, string root, string hostname, string primaryDomain, DkimMessageSigner? dkim)
    {
        var fixture = new SigningSmtpServer(root);
        fixture._server = await RunningSmtpServer.StartAsync(() =>
        {
            (fixture.MxPort, fixture.SubmissionPort) = (FreePort.Next(), FreePort.Next());
            var options = new ApplianceOptions { Hostname = hostname, PrimaryDomain = primaryDomain };
            options.Listen.Address = "127.0.0.1";
            options.Smtp.Port = fixture.MxPort;
            options.Submission.Port = fixture.SubmissionPort;
            options.SubmissionTls.Port = 0;
            var smtp = ApplianceSmtpServer.Create(options, directory, fixture.Store, fixture.Spool, fixture.Certificate,
                new AuthThrottle(new AuthThrottleOptions(), TimeProvider.System), TimeProvider.System,
                dkim is null ? null : new OutboundSigner(dkim, directory, hostname, primaryDomain));
            return (smtp, [fixture.MxPort, fixture.SubmissionPort]);
        });
        return fixture;
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        Certificate.Dispose();
        TestFolder.Remove(Root);
    }
}
