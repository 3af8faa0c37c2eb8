using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Mail.Server.Auth;

/// <summary>Finds DKIM public keys in DNS (RFC 6376 3.6.2: the TXT record at selector._domainkey.domain, its strings
/// joined) for MimeKit's verifier; failures come out as <see cref="DkimKeyLookupException"/>.</summary>
internal sealed class DnsDkimKeyLocator(TxtLookup lookup) : DkimPublicKeyLocatorBase
{
    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("the appliance looks DKIM keys up asynchronously only");

    public override async Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default)
    {
        if (!methods.Split(':').Any(m => m.Trim().Equals("dns/txt", StringComparison.OrdinalIgnoreCase)))
        {
            throw new DkimKeyLookupException($"no supported query method in '{methods}'");
        }

        var answer = await lookup.QueryAsync($"{selector}._domainkey.{domain}", cancellationToken).ConfigureAwait(false);
        if (answer.TemporaryFailure)
        {
            throw new DkimKeyLookupException($"DNS failed for {selector}._domainkey.{domain}", temporary: true);
        }

        var record = answer.Records.FirstOrDefault(r => r.Contains("p=", StringComparison.Ordinal))
            ?? throw new DkimKeyLookupException($"no key at {selector}._domainkey.{domain}");
        try
        {
            return GetPublicKey(record);
        }
        catch (Exception ex) when (ex is FormatException or MimeKit.ParseException or ArgumentException or InvalidOperationException)
        {
            throw new DkimKeyLookupException($"unusable key at {selector}._domainkey.{domain}", ex);
        }
    }
}
