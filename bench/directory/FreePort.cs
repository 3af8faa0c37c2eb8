using System.Net;
using System.Net.Sockets;

namespace DirectoryBench;

/// <summary>Finds a free TCP port on loopback, so the bench never collides with a running appliance's slapd.</summary>
internal static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
