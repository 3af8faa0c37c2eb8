namespace Mail.Server.Dns;

/// <summary>Where the appliance asks DNS questions (the <c>Mail:Dns</c> section).</summary>
public sealed class DnsOptions
{
    /// <summary>One resolver as <c>address</c> or <c>address:port</c> (<c>[v6]:port</c>); empty uses the system's
    /// resolvers from /etc/resolv.conf. Tests point it at a loopback server with fake zones.</summary>
    public string Server { get; set; } = string.Empty;

    /// <summary>How long one query may take before it counts as a temporary failure.</summary>
    public int TimeoutSeconds { get; set; } = 5;

    /// <summary>Returns the first configuration error, or null.</summary>
    public string? Validate()
    {
        if (TimeoutSeconds is < 1 or > 60)
        {
            return $"Mail:Dns:TimeoutSeconds must be between 1 and 60, not {TimeoutSeconds}";
        }

        return Server.Length == 0 || ResolverFactory.TryParseEndpoint(Server, out _)
            ? null
            : $"Mail:Dns:Server '{Server}' is not an address or address:port";
    }
}
