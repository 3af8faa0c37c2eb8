using Mail.Directory;
using Mail.Directory.Addressing;
using Microsoft.AspNetCore.Http;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>The address a client asks settings for, checked against the directory: only hosted domains get settings.
/// Only the domain is looked up, never the account, so the answer does not tell who has a mailbox here.</summary>
/// <param name="Address">The address, lower-cased; null when the client did not give one (Thunderbird's well-known
/// URL on the domain itself), and then the settings carry Thunderbird's placeholder instead.</param>
/// <param name="Domain">The hosted domain.</param>
internal sealed record SetupAddress(string? Address, string Domain)
{
    /// <summary>Checks <paramref name="text"/>: malformed is 400, a domain not hosted here 404.</summary>
    public static async Task<SetupAddressCheck> CheckAsync(string? text, MailDirectory directory, CancellationToken cancellationToken)
    {
        if (!MailAddress.TryParse(text, out var address, out var error))
        {
            return SetupAddressCheck.Malformed(error);
        }

        return await directory.Domains.IsHostedAsync(address.Domain, cancellationToken).ConfigureAwait(false)
            ? SetupAddressCheck.Accepted(new SetupAddress(address.ToString(), address.Domain))
            : SetupAddressCheck.NotHosted(address.Domain);
    }

    /// <summary>For a request without an address: the domain from the Host header (<c>autoconfig.DOMAIN</c> or
    /// <c>DOMAIN</c>, the two names Thunderbird asks), when that domain is hosted here.</summary>
    public static async Task<SetupAddressCheck> FromHostAsync(HttpRequest request, MailDirectory directory, CancellationToken cancellationToken)
    {
        var host = request.Host.Host;
        if (host.StartsWith("autoconfig.", StringComparison.OrdinalIgnoreCase))
        {
            host = host["autoconfig.".Length..];
        }

        if (MailAddress.TryNormalizeDomain(host, out var domain, out _)
            && await directory.Domains.IsHostedAsync(domain, cancellationToken).ConfigureAwait(false))
        {
            return SetupAddressCheck.Accepted(new SetupAddress(null, domain));
        }

        return SetupAddressCheck.Malformed("emailaddress is required");
    }
}
