using System.Net;
using System.Net.Sockets;

namespace Mail.Directory.Addressing;

/// <summary>The key that limits and throttles count a client under: an IPv4 address (also when it arrives
/// IPv4-mapped) or an IPv6 /64, because one host usually owns a whole IPv6 prefix.</summary>
public static class ClientAddressKey
{
    /// <summary>The key of <paramref name="address"/>.</summary>
    public static IPAddress Of(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address;
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes);
    }
}
