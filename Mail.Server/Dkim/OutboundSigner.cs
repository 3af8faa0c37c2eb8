using Mail.Directory;
using Mail.Directory.Ldap;
using MimeKit;

namespace Mail.Server.Dkim;

/// <summary>Chooses the signing domain (d=) of mail that leaves for other domains and signs it once, at acceptance:
/// submitted mail and group copies for external members as the From domain when it is hosted here and has keys, else
/// the user's or the group's domain; non-delivery reports as the host name's domain or the primary domain. Copies
/// delivered here are never signed.</summary>
public sealed class OutboundSigner
{
    private readonly DkimMessageSigner _signer;
    private readonly MailDirectory _directory;
    private readonly string _hostname;
    private readonly string _primaryDomain;

    // Public only because BounceSender is; the signer and its key folder stay inside the engine.
    internal OutboundSigner(DkimMessageSigner signer, MailDirectory directory, string hostname, string primaryDomain)
    {
        _signer = signer;
        _directory = directory;
        _hostname = hostname;
        _primaryDomain = primaryDomain;
    }

    /// <summary>Signs the copy for other domains of a message submitted by <paramref name="user"/> (null: not
    /// authenticated) or sent to <paramref name="group"/> with external members (null: none); returns the message
    /// unchanged when neither applies or no candidate domain has keys. Mail from outside whose From names a domain hosted
    /// here is signed only when <paramref name="fromVouched"/> (its own DMARC check passed): otherwise anyone could send
    /// "From: hieutruong@our-school" to a group and have our key vouch for it to the group's external members.</summary>
    public async Task<ReadOnlyMemory<byte>> SignOutboundAsync(ReadOnlyMemory<byte> message, string? user, string? group, bool fromVouched, CancellationToken cancellationToken)
    {
        var fallback = DomainOf(user) ?? DomainOf(group);
        if (fallback is null)
        {
            return message;
        }

        var from = await FromDomainAsync(message, cancellationToken).ConfigureAwait(false);
        var fromHosted = from is not null && await IsHostedAsync(from, cancellationToken).ConfigureAwait(false);
        if (user is null && fromHosted && !fromVouched)
        {
            return message;
        }

        if (fromHosted && from != fallback && await _signer.CanSignAsync(from!, cancellationToken).ConfigureAwait(false))
        {
            return await _signer.SignAsync(message, from!, cancellationToken).ConfigureAwait(false) ?? message;
        }

        return await _signer.SignAsync(message, fallback, cancellationToken).ConfigureAwait(false) ?? message;
    }

    /// <summary>Signs a non-delivery report for an outside sender: as the host name's domain (the report comes from
    /// MAILER-DAEMON@hostname; DMARC aligns on the organisational domain) or else the primary domain.</summary>
    public async Task<ReadOnlyMemory<byte>> SignReportAsync(ReadOnlyMemory<byte> report, CancellationToken cancellationToken)
    {
        var candidates = new List<string> { _hostname.ToLowerInvariant() };
        if (candidates[0].IndexOf('.', StringComparison.Ordinal) is var dot and > 0 && candidates[0][(dot + 1)..].Contains('.', StringComparison.Ordinal))
        {
            candidates.Add(candidates[0][(dot + 1)..]);
        }

        if (_primaryDomain.Length > 0)
        {
            candidates.Add(_primaryDomain.ToLowerInvariant());
        }

        foreach (var domain in candidates)
        {
            if (await _signer.CanSignAsync(domain, cancellationToken).ConfigureAwait(false))
            {
                return await _signer.SignAsync(report, domain, cancellationToken).ConfigureAwait(false) ?? report;
            }
        }

        // Logged as the domain without keys that should have had them.
        return await _signer.SignAsync(report, candidates[^1], cancellationToken).ConfigureAwait(false) ?? report;
    }

    private static string? DomainOf(string? address) =>
        address?.LastIndexOf('@') is int at and >= 0 && at < address.Length - 1 ? address[(at + 1)..].ToLowerInvariant() : null;

    private static async Task<string?> FromDomainAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var stream = DkimMessageSigner.OpenRead(message);
        var headers = await HeaderList.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        var from = headers[HeaderId.From];
        return from is not null && InternetAddressList.TryParse(from, out var list) && list.Mailboxes.FirstOrDefault() is { } mailbox
            ? DomainOf(mailbox.Address)
            : null;
    }

    private async Task<bool> IsHostedAsync(string domain, CancellationToken cancellationToken)
    {
        try
        {
            return await _directory.Domains.IsHostedAsync(domain, cancellationToken).ConfigureAwait(false);
        }
        catch (DirectoryUnavailableException)
        {
            // The message is already stored here; the fallback domain is ours for certain.
            return false;
        }
    }
}
