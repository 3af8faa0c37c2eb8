using System.Net;
using ARSoft.Tools.Net;
using ARSoft.Tools.Net.Dns;
using ARSoft.Tools.Net.Spf;
using DnsClient;

namespace Mail.Server.Auth;

/// <summary>Checks SPF (RFC 7208) with ARSoft.Tools.Net's validator, asking the appliance's shared resolver.</summary>
public sealed class SpfChecker
{
    private readonly SpfValidator _validator;

    /// <summary>A checker whose validator asks <paramref name="dns"/> (the appliance's shared resolver); <paramref name="hostname"/>
    /// is our name for the %{r} macro.</summary>
    public SpfChecker(ILookupClient dns, string hostname)
    {
        _validator = new SpfValidator
        {
            DnsResolver = new SharedResolverForSpf(dns),
            LocalDomain = DomainName.TryParse(hostname, out var local) ? local : null,
        };
    }

    /// <summary>Checks the MAIL FROM domain, or the HELO name when the reverse path is null (RFC 7208 2.4).</summary>
    public async Task<SpfCheck> CheckAsync(InboundEnvelope envelope, CancellationToken cancellationToken)
    {
        var at = envelope.MailFrom.LastIndexOf('@');
        var fromHelo = at < 0;
        var domain = fromHelo ? envelope.Helo : envelope.MailFrom[(at + 1)..];

        // An address literal or a garbled name has no SPF record to look for (RFC 7208 4.3: result none).
        if (!IsDomainName(domain) || !DomainName.TryParse(domain, out var name) || name is null)
        {
            return new SpfCheck(AuthResult.None, domain, fromHelo);
        }

        var client = envelope.Client.IsIPv4MappedToIPv6 ? envelope.Client.MapToIPv4() : envelope.Client;
        var sender = fromHelo ? "postmaster@" + domain : envelope.MailFrom;
        try
        {
            var result = await _validator.CheckHostAsync(client, name, sender, false, cancellationToken).ConfigureAwait(false);
            return new SpfCheck(Map(result.Result), domain, fromHelo);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new SpfCheck(AuthResult.TempError, domain, fromHelo);
        }
#pragma warning disable CA1031 // The library reports a failed DNS query as a bare Exception; any failure here is temporary, never a reason to refuse mail.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return new SpfCheck(AuthResult.TempError, domain, fromHelo);
        }
    }

    private static bool IsDomainName(string text) =>
        text.Length is > 0 and <= 253 && text.Contains('.', StringComparison.Ordinal) && !IPAddress.TryParse(text.Trim('[', ']'), out _)
        && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static AuthResult Map(SpfQualifier qualifier) => qualifier switch
    {
        SpfQualifier.Pass => AuthResult.Pass,
        SpfQualifier.Fail => AuthResult.Fail,
        SpfQualifier.SoftFail => AuthResult.SoftFail,
        SpfQualifier.Neutral => AuthResult.Neutral,
        SpfQualifier.TempError => AuthResult.TempError,
        SpfQualifier.PermError => AuthResult.PermError,
        _ => AuthResult.None,
    };
}
