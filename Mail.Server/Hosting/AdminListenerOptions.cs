using System.Net;

namespace Mail.Server.Hosting;

/// <summary>The web admin's port, whether it speaks TLS itself, and which reverse proxies it believes.</summary>
public sealed class AdminListenerOptions : ListenerOptions
{
    /// <summary>HTTPS with the appliance's certificate (the default); false serves plain HTTP for a reverse proxy
    /// that terminates TLS in front of it.</summary>
    public bool Tls { get; set; } = true;

    /// <summary>The reverse proxies whose X-Forwarded-For and X-Forwarded-Proto are believed, as comma-separated
    /// addresses or networks (<c>10.0.0.5, 192.168.0.0/16, ::1</c>); empty (the default) believes nobody, so a client
    /// cannot pick the address the throttles and the audit log see.</summary>
    public string TrustedProxies { get; set; } = string.Empty;

    /// <summary>The trusted proxies as networks (an address is a /32 or /128); <see cref="Validate"/> first.</summary>
    public IReadOnlyList<IPNetwork> TrustedProxyNetworks() =>
        Entries().Select(entry => Parse(entry) ?? throw new InvalidOperationException($"'{entry}' is not an address or network")).ToList();

    /// <summary>Returns the first configuration error, or null.</summary>
    public string? Validate() =>
        Entries().FirstOrDefault(entry => Parse(entry) is null) is { } bad
            ? $"Mail:Admin:TrustedProxies: '{bad}' is not an IP address or a network such as 10.0.0.0/8"
            : null;

    private string[] Entries() =>
        TrustedProxies.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    private static IPNetwork? Parse(string entry) =>
        IPAddress.TryParse(entry, out var address) && !entry.Contains('/', StringComparison.Ordinal)
            ? new IPNetwork(address, address.GetAddressBytes().Length * 8)
            : IPNetwork.TryParse(entry, out var network) ? network : null;
}
