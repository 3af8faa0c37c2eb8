using System.Net;

namespace Mail.Server.Net;

/// <summary>The sockets a listen address means: "::" is dual-stack, so it also gets its IPv4 twin (our IPv6
/// sockets are v6-only); any other address is itself.</summary>
public static class ListenEndpoints
{
    /// <summary>The addresses to bind for <paramref name="address"/> (already validated as an IP address).</summary>
    public static IReadOnlyList<IPAddress> Addresses(string address)
    {
        var ip = IPAddress.Parse(address);
        return ip.Equals(IPAddress.IPv6Any) ? [IPAddress.IPv6Any, IPAddress.Any] : [ip];
    }

    /// <summary>The endpoints for <paramref name="address"/> and <paramref name="port"/>.</summary>
    public static IReadOnlyList<IPEndPoint> For(string address, int port) =>
        Addresses(address).Select(ip => new IPEndPoint(ip, port)).ToArray();
}
