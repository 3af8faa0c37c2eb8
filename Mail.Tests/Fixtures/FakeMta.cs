using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Net;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Mail.Tests.Fixtures;

/// <summary>A receiving mail server on loopback (127.0.0.1 and ::1, one port) for delivery tests, built on SmtpServer:
/// it accepts, tempfails or rejects each recipient or the whole message as the test says, offers STARTTLS when given
/// a certificate, can demand AUTH (as a smarthost does), and records every message it took with where it came in.</summary>
internal sealed class FakeMta : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;

    private FakeMta(int port) => Port = port;

    /// <summary>One accepted message.</summary>
    public sealed record Received(string Sender, IReadOnlyList<string> Recipients, byte[] Data, bool Secure, string? User, IPAddress ReachedAt);

    /// <summary>The port on 127.0.0.1 (and ::1).</summary>
    public int Port { get; }

    /// <summary>Messages taken, in order.</summary>
    public ConcurrentQueue<Received> Messages { get; } = new();

    /// <summary>Sessions opened.</summary>
    public int Sessions => _sessions;

    /// <summary>The reply to RCPT TO for an address; null accepts.</summary>
    public Func<string, (int Code, string Text)?> OnRecipient { get; set; } = _ => null;

    /// <summary>The reply at the end of DATA; null accepts.</summary>
    public Func<byte[], (int Code, string Text)?> OnData { get; set; } = _ => null;

    /// <summary>The login a smarthost wants (AUTH only after STARTTLS); null takes mail without AUTH.</summary>
    public (string User, string Password)? RequiredLogin { get; set; }

    private int _sessions;

    /// <summary>Starts on a free port (both loopbacks), with STARTTLS when <paramref name="certificate"/> is given.</summary>
    public static async Task<FakeMta> StartAsync(X509Certificate2? certificate = null, bool ipv6 = true, bool smtpUtf8 = true)
    {
        var fake = new FakeMta(FreePort.Next());
        var builder = new SmtpServerOptionsBuilder().ServerName("mx.fake.test").MaxRetryCount(1000);
        foreach (var address in ipv6 ? new[] { IPAddress.Loopback, IPAddress.IPv6Loopback } : [IPAddress.Loopback])
        {
            builder.Endpoint(b =>
            {
                b.Endpoint(new IPEndPoint(address, fake.Port)).AllowUnsecureAuthentication(false);
                if (certificate is not null)
                {
                    b.Certificate(certificate);
                }
            });
        }

        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Filter(fake));
        services.Add(new Store(fake));
        services.Add(new Authenticator(fake));
        if (!smtpUtf8)
        {
            services.Add(new WithoutSmtpUtf8());
        }

        var server = new SmtpServer.SmtpServer(builder.Build(), services);
        server.SessionCreated += (_, _) => Interlocked.Increment(ref fake._sessions);
        fake._running = server.StartAsync(fake._stop.Token);
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var probe = new System.Net.Sockets.TcpClient();
            await probe.ConnectAsync(IPAddress.Loopback, fake.Port);
            return true;
        }, TimeSpan.FromSeconds(10)), Is.True, "the fake MTA listens");
        return fake;
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
    }

    private static SmtpResponseException Refuse((int Code, string Text) reply) => new(new SmtpResponse((SmtpReplyCode)reply.Code, reply.Text));

    private sealed class Filter(FakeMta fake) : IMailboxFilter
    {
        public Task<bool> CanAcceptFromAsync(ISessionContext context, IMailbox from, int size, CancellationToken cancellationToken) =>
            fake.RequiredLogin is not null && !context.Authentication.IsAuthenticated
                ? throw Refuse((530, "5.7.0 authentication required"))
                : Task.FromResult(true);

        public Task<bool> CanDeliverToAsync(ISessionContext context, IMailbox to, IMailbox from, CancellationToken cancellationToken) =>
            fake.OnRecipient(to.AsAddress()) is { } reply ? throw Refuse(reply) : Task.FromResult(true);
    }

    private sealed class Store(FakeMta fake) : MessageStore
    {
        public override Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var data = buffer.ToArray();
            if (fake.OnData(data) is { } reply)
            {
                return Task.FromResult(new SmtpResponse((SmtpReplyCode)reply.Code, reply.Text));
            }

            var local = context.Properties.TryGetValue(EndpointListener.LocalEndPointKey, out var endpoint) && endpoint is IPEndPoint ip ? ip.Address : IPAddress.None;
            fake.Messages.Enqueue(new Received(transaction.From.AsAddress() ?? string.Empty, transaction.To.Select(t => t.AsAddress()).ToList(), data,
                context.Pipe.IsSecure, context.Authentication.IsAuthenticated ? context.Authentication.User : null, local));
            return Task.FromResult(SmtpResponse.Ok);
        }
    }

    /// <summary>An older server: its EHLO does not offer SMTPUTF8 (RFC 6531).</summary>
    private sealed class WithoutSmtpUtf8 : SmtpCommandFactory
    {
        public override SmtpCommand CreateEhlo(string domainOrAddress) => new Ehlo(domainOrAddress);

        private sealed class Ehlo(string domainOrAddress) : EhloCommand(domainOrAddress)
        {
            protected override IEnumerable<string> GetExtensions(ISessionContext context) =>
                base.GetExtensions(context).Where(e => !e.Equals("SMTPUTF8", StringComparison.OrdinalIgnoreCase));
        }
    }

    private sealed class Authenticator(FakeMta fake) : IUserAuthenticator
    {
        public Task<bool> AuthenticateAsync(ISessionContext context, string user, string password, CancellationToken cancellationToken) =>
            Task.FromResult(fake.RequiredLogin is { } login && login.User == user && login.Password == password);
    }
}
