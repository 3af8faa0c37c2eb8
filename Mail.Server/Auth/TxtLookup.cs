using DnsClient;
using DnsClient.Protocol;

namespace Mail.Server.Auth;

/// <summary>Asks the shared DnsClient resolver for TXT records, telling "none" apart from "ask again later".</summary>
public sealed class TxtLookup(ILookupClient resolver)
{
    /// <summary>The TXT records at <paramref name="name"/>.</summary>
    public async Task<TxtAnswer> QueryAsync(string name, CancellationToken cancellationToken)
    {
        try
        {
            var response = await resolver.QueryAsync(name, QueryType.TXT, QueryClass.IN, cancellationToken).ConfigureAwait(false);
            if (response.HasError && response.Header.ResponseCode != DnsHeaderResponseCode.NotExistentDomain)
            {
                return new TxtAnswer([], TemporaryFailure: true);
            }

            return new TxtAnswer(response.Answers.TxtRecords().Select(r => string.Concat(r.Text)).ToArray(), TemporaryFailure: false);
        }
        catch (DnsResponseException)
        {
            // Timeouts and unreachable servers arrive as exceptions even with ThrowDnsErrors off.
            return new TxtAnswer([], TemporaryFailure: true);
        }
    }
}
