using System.Net;

namespace Mail.Server.Queue;

/// <summary>One server to try for a destination: its name (for TLS and the logs) and its addresses, IPv6 first.</summary>
public sealed record RouteHost(string Name, IReadOnlyList<IPAddress> Addresses, int Port);
