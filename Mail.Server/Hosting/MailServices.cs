using System.Security.Cryptography.X509Certificates;
using Mail.Directory;
using Mail.Server.Dkim;
using Mail.Server.Net;
using Mail.Server.Queue;
using Mail.Server.Security;
using Mail.Server.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mail.Server.Hosting;

/// <summary>What every mail protocol of a running appliance shares: the store (cleaned of crash debris once, before
/// any protocol starts), the outbound spool, the authentication throttle, the TLS certificate, the DKIM signer and the
/// DNS resolver.</summary>
public sealed class MailServices : IDisposable
{
    private readonly Lock _signingGate = new();
    private readonly string _hostname;
    private readonly string _primaryDomain;
    private (OutboundSigner Signer, MailDirectory Directory)? _signing;

    /// <summary>Opens the data folder's store and spool and loads the certificate.</summary>
    public MailServices(ApplianceOptions options, DataFolder data, ILoggerFactory? loggers = null)
    {
        Store = new MessageStore(data.StoreFolder);

        // This process owns the store while it runs; what a crash left behind goes before the first message.
        Store.Recover();
        Spool = new OutboundSpool(data.SpoolFolder);

        // Likewise for the outbound spool, before SMTP can write into it.
        SpoolRecovery = Spool.Recover();
        Throttle = new AuthThrottle(new AuthThrottleOptions(), TimeProvider.System);
        Certificate = ServerCertificate.Load(data.Resolve(options.Tls.CertificateFile), data.Resolve(options.Tls.KeyFile));
        Dkim = new DkimMessageSigner(new DkimKeyFolder(data.DkimFolder), (loggers ?? NullLoggerFactory.Instance).CreateLogger<DkimMessageSigner>());
        Resolver = Dns.ResolverFactory.Create(options.Dns);
        (_hostname, _primaryDomain) = (options.Hostname, options.PrimaryDomain);
    }

    /// <summary>The one DNS resolver (and cache) of routing, DKIM keys, SPF and DMARC.</summary>
    public DnsClient.ILookupClient Resolver { get; }

    /// <summary>The recent mail events the web admin's dashboard shows.</summary>
    public DeliveryJournal Journal { get; } = new();

    /// <summary>The message store.</summary>
    public MessageStore Store { get; }

    /// <summary>Mail waiting for the delivery queue.</summary>
    public OutboundSpool Spool { get; }

    /// <summary>What the spool's recovery at start repaired.</summary>
    public RecoveryReport SpoolRecovery { get; }

    /// <summary>The authentication throttle shared by SMTP, IMAP and POP3.</summary>
    public AuthThrottle Throttle { get; }

    /// <summary>The server certificate (with its intermediates) for every TLS port.</summary>
    public ServerCertificate Certificate { get; }

    /// <summary>Signs mail that leaves for other domains with the keys in DATA/dkim.</summary>
    internal DkimMessageSigner Dkim { get; }

    /// <summary>The one signer of mail that leaves, shared by SMTP (copies for other domains, reports made at
    /// acceptance) and the queue (reports of failed deliveries), so both sign alike. Built on first use: it asks the
    /// running <paramref name="directory"/> which domains are hosted here, and the directory starts after this.</summary>
    internal OutboundSigner Signing(MailDirectory directory)
    {
        lock (_signingGate)
        {
            _signing ??= (new OutboundSigner(Dkim, directory, _hostname, _primaryDomain), directory);
            return ReferenceEquals(_signing.Value.Directory, directory)
                ? _signing.Value.Signer
                : throw new InvalidOperationException("the outbound signer belongs to another directory");
        }
    }

    public void Dispose() => Certificate.Dispose();
}
