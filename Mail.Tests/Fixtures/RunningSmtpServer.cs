using System.Security.Cryptography.X509Certificates;
using Mail.Directory;
using Mail.Server.Dkim;
using Mail.Server.Hosting;
using Mail.Server.Queue;
using Mail.Server.Security;
using Mail.Server.Smtp;
using Mail.Server.Store;

namespace Mail.Tests.Fixtures;

/// <summary>The appliance's SMTP server on loopback free ports (MX and submission with STARTTLS) over a store and spool in
/// <see cref="Root"/>; started and listening when <see cref="StartAsync"/> returns, stopped and removed on dispose.</summary>
internal sealed class RunningSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private RunningSmtpServer(string root)
    {
        Root = root;
        Store = new MessageStore(Path.Combine(root, "store"));
        Spool = new OutboundSpool(Path.Combine(root, "spool"));
    }

    public string Root { get; }

    public MessageStore Store { get; }

    public OutboundSpool Spool { get; }

    public X509Certificate2 Certificate { get; } = TestCertificate.Create();

    public int MxPort { get; } = FreePort.Next();

    public int SubmissionPort { get; } = FreePort.Next();

    /// <summary>Starts a server for <paramref name="hostname"/> whose data lives in <paramref name="root"/>.</summary>
    public static async Task<RunningSmtpServer> StartAsync(MailDirectory directory, string root, string hostname, string primaryDomain, DkimMessageSigner? dkim)
    {
        var server = new RunningSmtpServer(root);
        var options = new ApplianceOptions { Hostname = hostname, PrimaryDomain = primaryDomain };
        options.Listen.Address = "127.0.0.1";
        options.Smtp.Port = server.MxPort;
        options.Submission.Port = server.SubmissionPort;
        options.SubmissionTls.Port = 0;
        var smtp = ApplianceSmtpServer.Create(options, directory, server.Store, server.Spool, server.Certificate,
            new AuthThrottle(new AuthThrottleOptions(), TimeProvider.System), TimeProvider.System, dkim);
        server._running = smtp.StartAsync(server._stop.Token);
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var probe = new System.Net.Sockets.TcpClient();
            await probe.ConnectAsync("127.0.0.1", server.MxPort);
            return true;
        }, TimeSpan.FromSeconds(10)), Is.True, "the SMTP server did not start listening");
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Stopping is cancelling.
        }

        _stop.Dispose();
        Certificate.Dispose();
        TestFolder.Remove(Root);
    }
}
