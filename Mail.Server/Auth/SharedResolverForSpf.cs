using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using DnsClient;
using DnsClient.Protocol;

namespace Mail.Server.Auth;

/// <summary>Lets ARSoft's SPF validator ask the appliance's shared DnsClient resolver instead of its own stub: one
/// cache (negative answers included) for routing, DKIM keys, DMARC and SPF, and one place where DNS is configured.
/// "No such domain" and "no such record" come back empty, as the validator expects; a server failure or timeout
/// throws, which the validator reports as temperror.</summary>
internal sealed class SharedResolverForSpf(ILookupClient dns) : IDnsResolver
{
    public List<T> Resolve<T>(DomainName name, RecordType recordType = RecordType.A, RecordClass recordClass = RecordClass.INet)
        where T : DnsRecordBase =>
        Convert<T>(dns.Query(name.ToString(), (QueryType)recordType, QueryClass.IN));

    public async Task<List<T>> ResolveAsync<T>(DomainName name, RecordType recordType = RecordType.A, RecordClass recordClass = RecordClass.INet, CancellationToken token = default)
        where T : DnsRecordBase =>
        Convert<T>(await dns.QueryAsync(name.ToString(), (QueryType)recordType, QueryClass.IN, token).ConfigureAwait(false));

    public void ClearCache()
    {
        // The shared resolver's cache expires by itself.
    }

    public void Dispose()
    {
        // The shared resolver outlives the validator.
    }

    private static List<T> Convert<T>(IDnsQueryResponse response)
        where T : DnsRecordBase
    {
        if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
        {
            throw new DnsResponseException(response.ErrorMessage);
        }

        return response.Answers.Select(Record).OfType<T>().ToList();
    }

    private static DnsRecordBase? Record(DnsResourceRecord record)
    {
        var name = DomainName.Parse(record.DomainName.Value.TrimEnd('.'));
        var ttl = record.InitialTimeToLive;
        return record switch
        {
            DnsClient.Protocol.TxtRecord txt => new ARSoft.Tools.Net.Dns.TxtRecord(name, ttl, txt.Text),
            DnsClient.Protocol.ARecord a => new ARSoft.Tools.Net.Dns.ARecord(name, ttl, a.Address),
            DnsClient.Protocol.AaaaRecord aaaa => new ARSoft.Tools.Net.Dns.AaaaRecord(name, ttl, aaaa.Address),
            DnsClient.Protocol.MxRecord mx => new ARSoft.Tools.Net.Dns.MxRecord(name, ttl, mx.Preference, DomainName.Parse(mx.Exchange.Value.TrimEnd('.'))),
            DnsClient.Protocol.PtrRecord ptr => new ARSoft.Tools.Net.Dns.PtrRecord(name, ttl, DomainName.Parse(ptr.PtrDomainName.Value.TrimEnd('.'))),
            _ => null,
        };
    }
}
