namespace Mail.Server.Hosting;

/// <summary>Connection limits (the <c>Mail:Limits</c> section).</summary>
public sealed class LimitOptions
{
    /// <summary>Open SMTP connections allowed from one client address (IPv6: one /64), across all SMTP ports.</summary>
    public int SmtpConnectionsPerAddress { get; set; } = 50;

    /// <summary>Open SMTP connections allowed in total.</summary>
    public int SmtpConnections { get; set; } = 1000;

    /// <summary>Open IMAP connections allowed from one client address: high, because a whole school's staff
    /// often share one NAT address and every mail client keeps several connections.</summary>
    public int ImapConnectionsPerAddress { get; set; } = 500;

    /// <summary>Open IMAP connections allowed in total (mostly idle sessions).</summary>
    public int ImapConnections { get; set; } = 20_000;

    /// <summary>Open POP3 connections allowed from one client address.</summary>
    public int Pop3ConnectionsPerAddress { get; set; } = 200;

    /// <summary>Open POP3 connections allowed in total.</summary>
    public int Pop3Connections { get; set; } = 5000;
}
