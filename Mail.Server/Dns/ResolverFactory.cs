using System.Net;
using DnsClient;

namespace Mail.Server.Dns;

/// <summary>Builds the DnsClient resolver every DNS user of the appliance shares (routing, DKIM keys, SPF, DMARC).</summary>
public static class ResolverFactory
{
    /// <summary>A resolver for <paramref name="options"/>, caching unless <paramref name="cache"/> is false (a check of
    /// records an operator has just published must not see an answer remembered from before); errors come back as
    /// results, not exceptions, so callers can tell "no such domain" from "ask again later".</summary>
    public static LookupClient Create(DnsOptions options, bool cache = true)
    {
        var servers = options.Server.Length > 0 && TryParseEndpoint(options.Server, out var endpoint)
            ? [new NameServer(endpoint)]
            : SystemResolvers();
        return new LookupClient(new LookupClientOptions(servers)
        {
            UseCache = cache,
            Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds),
            Retries = 1,
            ThrowDnsErrors = false,
            ContinueOnDnsError = false,
            ContinueOnEmptyResponse = false,
            UseTcpFallback = true,

            // Negative answers (NXDOMAIN, no such record) are remembered for a while, as any resolver does (RFC 2308):
            // every message from a domain without SPF or DMARC would otherwise ask the same questions again, and a
            // resolver that drops bursts turned each lost answer into a 5-second wait (bench/outbound found it).
            CacheFailedResults = cache,
            FailedResultsCacheDuration = TimeSpan.FromSeconds(60),
        });
    }

    /// <summary>The resolvers in /etc/resolv.conf; a machine or container without any gets the local port 53, so mail is
    /// still accepted and queued (every lookup a temporary failure until DNS works) instead of the appliance not
    /// starting. Nothing is sent to a public resolver the operator did not choose.</summary>
    private static NameServer[] SystemResolvers()
    {
        try
        {
            var found = NameServer.ResolveNameServers(skipIPv6SiteLocal: true, fallbackToGooglePublicDns: false).ToArray();
            return found.Length > 0 ? found : [new NameServer(IPAddress.Loopback, 53)];
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException or DnsResponseException)
        {
            return [new NameServer(IPAddress.Loopback, 53)];
        }
    }

    /// <summary>Parses <c>address</c>, <c>address:port</c> or <c>[v6]:port</c> (port 53 when absent).</summary>
    public static bool TryParseEndpoint(string text, out IPEndPoint endpoint)
    {
        // IPAddress.TryParse would take "[::1]:5353" and drop the port, so the endpoint parser goes first.
        if (IPEndPoint.TryParse(text, out var parsed))
        {
            endpoint = parsed.Port == 0 ? new IPEndPoint(parsed.Address, 53) : parsed;
            return true;
        }

        endpoint = new IPEndPoint(IPAddress.None, 0);
        return false;
    }
}
