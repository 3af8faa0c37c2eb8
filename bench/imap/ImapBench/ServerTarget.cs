using System.Globalization;
using System.Net;

namespace ImapBench;

/// <summary>
/// One server under test, from <c>NAME:PORT:process|tree:PID:USER:PASSWORD</c> (the password last, so it may hold
/// colons). CPU is always counted over the PID's whole tree (ours: with its slapd; Dovecot: with auth and the reaped
/// imap processes).
/// </summary>
internal sealed record ServerTarget(string Name, int Port, MemoryScope Scope, int Pid, string User, string Password)
{
    public IPEndPoint Endpoint { get; } = new(IPAddress.Loopback, Port);

    public static ServerTarget Parse(string spec)
    {
        var parts = spec.Split(':', 6);
        if (parts.Length != 6)
        {
            throw new ArgumentException($"--server {spec}: expected NAME:PORT:process|tree:PID:USER:PASSWORD");
        }

        var scope = parts[2] switch
        {
            "process" => MemoryScope.Process,
            "tree" => MemoryScope.Tree,
            _ => throw new ArgumentException($"--server {spec}: the memory scope is 'process' or 'tree'"),
        };
        return new ServerTarget(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), scope,
            int.Parse(parts[3], CultureInfo.InvariantCulture), parts[4], parts[5]);
    }
}
