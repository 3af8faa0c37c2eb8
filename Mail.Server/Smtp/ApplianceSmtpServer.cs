using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Mail.Directory;
using Mail.Server.Dkim;
using Mail.Server.Auth;
using Mail.Server.Hosting;
using Mail.Server.Net;
using Mail.Server.Queue;
using Mail.Server.Security;
using Mail.Server.Smtp.Transport;
using Mail.Server.Store;
using SmtpServer;

namespace Mail.Server.Smtp;

/// <summary>Builds the SMTP server on SmtpServer: MX on Mail:Smtp:Port, submission with STARTTLS on
/// Mail:Submission:Port and with implicit TLS on Mail:SubmissionTls:Port (port 0 leaves one out), our own
/// authenticator, recipient policy, delivery and EHLO, strict size limits, a banner without a version, and our own
/// listeners (connection limits, enhanced codes on every reply, the DATA fixes of <see cref="DataPrefixInjector"/>).</summary>
internal static class ApplianceSmtpServer
{
    /// <summary>The largest message accepted (the whole message is held in memory by the library).</summary>
    public const int MaxMessageSize = 50 * 1024 * 1024;

    private const SslProtocols Protocols = SslProtocols.Tls12 | SslProtocols.Tls13;

    // SessionTimeout in SmtpServer bounds the whole session, not idleness: keep it long.
    private static readonly TimeSpan SessionLifetime = TimeSpan.FromMinutes(30);

    // RFC 5321 4.5.3.2.7: a server should wait at least 5 minutes for the next command.
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromMinutes(5);

    /// <summary>The server; <paramref name="signing"/> DKIM-signs what leaves (nothing when null);
    /// <paramref name="inbound"/> checks SPF, DKIM and DMARC on mail from other servers (none when null);
    /// accepted and refused messages are noted in <paramref name="journal"/> when given.</summary>
    public static SmtpServer.SmtpServer Create(
        ApplianceOptions options, MailDirectory directory, MessageStore store, OutboundSpool spool, X509Certificate2 certificate, AuthThrottle throttle, TimeProvider time,
        OutboundSigner? signing = null, InboundAuthenticator? inbound = null, DeliveryJournal? journal = null)
    {
        var builder = new SmtpServerOptionsBuilder()
            .ServerName(options.Hostname)
            .MaxMessageSize(MaxMessageSize, MaxMessageSizeHandling.Strict)
            .CommandWaitTimeout(IdleTimeout)

            // Each refused RCPT travels as an exception that SmtpServer counts as a retry; a list message to
            // many stale addresses must not end the session.
            .MaxRetryCount(1000)
            .MaxAuthenticationAttempts(3)
            .CustomSmtpGreeting(context => $"220 {context.ServerOptions.ServerName} ESMTP");

        foreach (var address in ListenEndpoints.Addresses(options.Listen.Address))
        {
            AddEndpoints(builder, options, address, certificate);
        }

        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new DirectoryUserAuthenticator(directory, throttle));
        var rights = new SenderRights(directory);
        var quota = new QuotaCheck(directory, store, options.DefaultQuotaBytes, TimeSpan.FromSeconds(options.Directory.CacheSeconds), time);
        services.Add(new DirectoryMailboxFilter(new RecipientPolicy(directory), rights, quota));
        var bounces = new BounceSender(directory, store, spool, options.Hostname, time, signing);
        services.Add(new StoreDelivery(directory, store, spool, rights, quota, bounces, options.Hostname, time, signing, inbound, journal));
        services.Add(new ApplianceCommandFactory());
        var limiter = new ConnectionLimiter(options.Limits.SmtpConnectionsPerAddress, options.Limits.SmtpConnections);
        services.Add(new SmtpListenerFactory(limiter, IdleTimeout));
        return new SmtpServer.SmtpServer(builder.Build(), services);
    }

    private static void AddEndpoints(SmtpServerOptionsBuilder builder, ApplianceOptions options, IPAddress address, X509Certificate2 certificate)
    {
        if (options.Smtp.Port > 0)
        {
            builder.Endpoint(b => b.Endpoint(new IPEndPoint(address, options.Smtp.Port)).Certificate(certificate).SupportedSslProtocols(Protocols)
                .AllowUnsecureAuthentication(false).AuthenticationRequired(false).SessionTimeout(SessionLifetime));
        }

        if (options.Submission.Port > 0)
        {
            builder.Endpoint(b => b.Endpoint(new IPEndPoint(address, options.Submission.Port)).Certificate(certificate).SupportedSslProtocols(Protocols)
                .AllowUnsecureAuthentication(false).AuthenticationRequired(true).SessionTimeout(SessionLifetime));
        }

        if (options.SubmissionTls.Port > 0)
        {
            builder.Endpoint(b => b.Endpoint(new IPEndPoint(address, options.SubmissionTls.Port)).IsSecure(true).Certificate(certificate)
                .SupportedSslProtocols(Protocols).AuthenticationRequired(true).SessionTimeout(SessionLifetime));
        }
    }
}
