using System.Net;
using System.Net.Sockets;
using DnsClient;
using DnsClient.Protocol;
using Mail.Server.Smtp;

namespace Mail.Server.Queue;

/// <summary>Finds the servers that take mail for a domain (RFC 5321 section 5): MX records by preference (equal
/// preferences in random order), each host's AAAA and A addresses; no MX means the domain's own address; a null MX
/// (RFC 7505) or a domain that does not exist means no delivery at all; DNS trouble means try later. With a relay
/// configured, every domain goes to the relay.</summary>
public sealed class MxRouter(ILookupClient dns, DeliveryOptions options)
{
    /// <summary>The route for <paramref name="domain"/>.</summary>
    public async Task<Route> ResolveAsync(string domain, CancellationToken cancellationToken)
    {
        if (options.Relay.Length > 0)
        {
            var (relayHost, relayPort) = SplitRelay(options.Relay);
            var relay = await HostAsync(relayHost, relayPort, cancellationToken).ConfigureAwait(false);
            return relay.Host is { } found ? new Route([found], null)
                : Route.Failed(new SmtpReply(451, "4.4.3", $"cannot find the address of the relay {relayHost}"));
        }

        IDnsQueryResponse mx;
        try
        {
            mx = await dns.QueryAsync(domain, QueryType.MX, QueryClass.IN, cancellationToken).ConfigureAwait(false);
        }
        catch (DnsResponseException ex)
        {
            return Route.Failed(new SmtpReply(451, "4.4.3", $"DNS lookup of MX for {domain} failed: {ex.Message}"));
        }

        if (mx.Header.ResponseCode == DnsHeaderResponseCode.NotExistentDomain)
        {
            return Route.Failed(new SmtpReply(550, "5.1.2", $"the domain {domain} does not exist"));
        }

        if (mx.HasError)
        {
            return Route.Failed(new SmtpReply(451, "4.4.3", $"DNS lookup of MX for {domain} failed: {mx.ErrorMessage}"));
        }

        var records = mx.Answers.MxRecords().ToList();
        if (records.Count == 1 && records[0].Exchange.Value is "." or "")
        {
            return Route.Failed(new SmtpReply(556, "5.1.10", $"the domain {domain} accepts no mail (null MX)"));
        }

        if (records.Count == 0)
        {
            // RFC 5321 5.1: without MX records the domain itself is the implicit MX.
            var implicitHost = await HostAsync(domain, options.Port, cancellationToken).ConfigureAwait(false);
            return implicitHost switch
            {
                { Host: { } host } => new Route([host], null),
                { Temporary: true } => Route.Failed(new SmtpReply(451, "4.4.3", $"DNS lookup of the address of {domain} failed")),
                _ => Route.Failed(new SmtpReply(550, "5.1.2", $"the domain {domain} has no MX and no address")),
            };
        }

        var ordered = records.GroupBy(r => r.Preference).OrderBy(g => g.Key).SelectMany(g => g.OrderBy(_ => Random.Shared.Next()));
        var hosts = new List<RouteHost>();
        var temporary = false;
        foreach (var record in ordered)
        {
            var name = record.Exchange.Value.TrimEnd('.');
            var resolved = await HostAsync(name, options.Port, cancellationToken).ConfigureAwait(false);
            temporary |= resolved.Temporary;
            if (resolved.Host is { } host)
            {
                hosts.Add(host);
            }
        }

        return hosts.Count > 0 ? new Route(hosts, null)
            : Route.Failed(new SmtpReply(451, "4.4.4", $"no address found for the MX hosts of {domain}{(temporary ? " (DNS failure)" : string.Empty)}"));
    }

    /// <summary>Splits <c>host</c>, <c>host:port</c> or <c>[v6]:port</c> (port 25 when absent).</summary>
    public static (string Host, int Port) SplitRelay(string relay)
    {
        if (IPEndPoint.TryParse(relay, out var endpoint) && (endpoint.Port != 0 || !relay.StartsWith('[')))
        {
            return (endpoint.Address.ToString(), endpoint.Port == 0 ? 25 : endpoint.Port);
        }

        var colon = relay.LastIndexOf(':');
        return colon > 0 && int.TryParse(relay.AsSpan(colon + 1), System.Globalization.CultureInfo.InvariantCulture, out var port)
            ? (relay[..colon].Trim('[', ']'), port)
            : (relay.Trim('[', ']'), 25);
    }

    private async Task<(RouteHost? Host, bool Temporary)> HostAsync(string name, int port, CancellationToken cancellationToken)
    {
        if (IPAddress.TryParse(name, out var literal))
        {
            return (new RouteHost(name, [literal], port), false);
        }

        var v6 = QueryAddressesAsync(name, QueryType.AAAA, cancellationToken);
        var v4 = QueryAddressesAsync(name, QueryType.A, cancellationToken);
        var (six, sixFailed) = await v6.ConfigureAwait(false);
        var (four, fourFailed) = await v4.ConfigureAwait(false);
        var addresses = six.Concat(four).Where(Usable).ToList();
        return addresses.Count > 0 ? (new RouteHost(name, addresses, port), false) : (null, sixFailed || fourFailed);
    }

    private async Task<(IReadOnlyList<IPAddress> Addresses, bool Failed)> QueryAddressesAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dns.QueryAsync(name, type, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            if (response.HasError)
            {
                return ([], response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain);
            }

            IEnumerable<IPAddress> found = type == QueryType.AAAA
                ? response.Answers.AaaaRecords().Select(r => r.Address)
                : response.Answers.ARecords().Select(r => r.Address);
            return (found.ToList(), false);
        }
        catch (DnsResponseException)
        {
            return ([], true);
        }
    }

    // An MX pointing at "any address" or multicast is a misconfiguration, never a place to connect.
    private static bool Usable(IPAddress address) =>
        !address.Equals(IPAddress.Any) && !address.Equals(IPAddress.IPv6Any) && !address.IsIPv6Multicast
        && !(address.AddressFamily == AddressFamily.InterNetwork && address.GetAddressBytes()[0] >= 224);
}
