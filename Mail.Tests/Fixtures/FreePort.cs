using System.Net;
using System.Net.Sockets;

namespace Mail.Tests.Fixtures;

/// <summary>Finds a free TCP port on loopback.</summary>
internal static class FreePort
{
    private const int Attempts = 5;

    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Runs <paramref name="start"/> (which binds the ports it picks with <see cref="Next"/>) again when a port
    /// was taken between the pick and the bind: <see cref="Next"/> releases the port it found, and another process's
    /// connection can take it first.</summary>
    public static T Retry<T>(Func<T> start)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return start();
            }
            catch (SocketException e) when (e.SocketErrorCode == SocketError.AddressAlreadyInUse && attempt < Attempts)
            {
                // Pick again.
            }
        }
    }
}
