using Mail.Directory;
using Mail.Server.Auth;
using Mail.Server.Dns;
using Mail.Server.Queue;

namespace Mail.Server.Hosting;

/// <summary>The appliance's configuration: the <c>Mail</c> section of DATA/mailappliance.json with
/// <c>Mail__…</c> environment variables on top.</summary>
public sealed class ApplianceOptions
{
    /// <summary>The configuration section name.</summary>
    public const string Section = "Mail";

    /// <summary>The host name the appliance announces (SMTP banner, certificate).</summary>
    public string Hostname { get; set; } = "localhost";

    /// <summary>The domain created at init.</summary>
    public string PrimaryDomain { get; set; } = string.Empty;

    /// <summary>Bind address of all listeners.</summary>
    public ListenOptions Listen { get; set; } = new();

    /// <summary>SMTP from other servers (MX).</summary>
    public ListenerOptions Smtp { get; set; } = new() { Port = 25 };

    /// <summary>Submission with STARTTLS.</summary>
    public ListenerOptions Submission { get; set; } = new() { Port = 587 };

    /// <summary>Submission over implicit TLS.</summary>
    public ListenerOptions SubmissionTls { get; set; } = new() { Port = 465 };

    /// <summary>IMAP with STARTTLS.</summary>
    public ListenerOptions Imap { get; set; } = new() { Port = 143 };

    /// <summary>IMAP over implicit TLS.</summary>
    public ListenerOptions ImapTls { get; set; } = new() { Port = 993 };

    /// <summary>POP3 with STLS.</summary>
    public ListenerOptions Pop3 { get; set; } = new() { Port = 110 };

    /// <summary>POP3 over implicit TLS.</summary>
    public ListenerOptions Pop3Tls { get; set; } = new() { Port = 995 };

    /// <summary>The web admin and public endpoints.</summary>
    public AdminListenerOptions Admin { get; set; } = new() { Port = 8080 };

    /// <summary>The directory (embedded slapd or external LDAP).</summary>
    public DirectoryOptions Directory { get; set; } = new();

    /// <summary>Mailbox quota for accounts without their own (bytes).</summary>
    public long DefaultQuotaBytes { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Lets IMAP and POP3 clients on the loopback interface log in without TLS (tests, a local proxy
    /// that terminates TLS); off by default.</summary>
    public bool AllowPlaintextAuthOnLoopback { get; set; }

    /// <summary>Connection limits.</summary>
    public LimitOptions Limits { get; set; } = new();

    /// <summary>TLS certificate and key.</summary>
    public TlsOptions Tls { get; set; } = new();

    /// <summary>The resolver for routing and sender checks.</summary>
    public DnsOptions Dns { get; set; } = new();

    /// <summary>SPF, DKIM and DMARC checks of mail from other servers.</summary>
    public InboundAuthOptions Auth { get; set; } = new();

    /// <summary>The outbound queue.</summary>
    public DeliveryOptions Delivery { get; set; } = new();

    /// <summary>Every listener by name, for validation and start-up logging.</summary>
    public IEnumerable<(string Name, ListenerOptions Listener)> Listeners =>
    [
        ("Smtp", Smtp), ("Submission", Submission), ("SubmissionTls", SubmissionTls), ("Imap", Imap),
        ("ImapTls", ImapTls), ("Pop3", Pop3), ("Pop3Tls", Pop3Tls), ("Admin", Admin),
    ];

    /// <summary>Returns the first configuration error, or null.</summary>
    public string? Validate()
    {
        foreach (var (name, listener) in Listeners)
        {
            if (listener.Port is < 0 or > 65535)
            {
                return $"Mail:{name}:Port must be between 0 (disabled) and 65535, not {listener.Port}";
            }
        }

        if (new[] { Limits.SmtpConnectionsPerAddress, Limits.SmtpConnections, Limits.ImapConnectionsPerAddress, Limits.ImapConnections,
            Limits.Pop3ConnectionsPerAddress, Limits.Pop3Connections }.Any(limit => limit < 1))
        {
            return "every Mail:Limits setting must be at least 1";
        }

        if (Directory.Port is < 1 or > 65535)
        {
            return $"Mail:Directory:Port must be between 1 and 65535, not {Directory.Port}";
        }

        if (!System.Net.IPAddress.TryParse(Listen.Address, out _))
        {
            return $"Mail:Listen:Address '{Listen.Address}' is not an IP address";
        }

        if (Directory.Mode == DirectoryMode.External && string.IsNullOrEmpty(Directory.Url))
        {
            return "Mail:Directory:Url is required when Mail:Directory:Mode is External";
        }

        return Admin.Validate() ?? Dns.Validate() ?? Delivery.Validate() ?? Auth.Validate();
    }
}
