namespace Mail.Server.Hosting;

/// <summary>Connection limits (the <c>Mail:Limits</c> section).</summary>
public sealed class LimitOptions
{
    /// <summary>Open SMTP connections allowed from one client address (IPv6: one /64), across all SMTP ports.</summary>
    public int SmtpConnectionsPerAddress { get; set; } = 50;

    /// <summary>Open SMTP connections allowed in total.</summary>
    public int SmtpConnections { get; set; } = 1000;
}
