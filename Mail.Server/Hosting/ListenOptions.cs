namespace Mail.Server.Hosting;

/// <summary>Where listeners bind.</summary>
public sealed class ListenOptions
{
    /// <summary>The address every listener binds to; "::" is dual-stack IPv6 and IPv4.</summary>
    public string Address { get; set; } = "::";
}
