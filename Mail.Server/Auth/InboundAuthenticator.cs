using System.Buffers;
using Mail.Server.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using MimeKit;

namespace Mail.Server.Auth;

/// <summary>Checks a message from another server: SPF for the envelope, every DKIM signature, then DMARC for the From
/// domain; says what to do with it and writes the Authentication-Results header recording why.</summary>
public sealed class InboundAuthenticator(string hostname, InboundAuthOptions options, SpfChecker spf, DkimChecker dkim, DmarcChecker dmarc, ILogger logger)
{
    /// <summary>The checker for the appliance's configuration asking <paramref name="resolver"/>, or null when
    /// <c>Mail:Auth:Enabled</c> is false.</summary>
    public static InboundAuthenticator? Create(ApplianceOptions options, DnsClient.ILookupClient resolver, ILoggerFactory? loggers)
    {
        if (!options.Auth.Enabled)
        {
            return null;
        }

        var logger = (loggers ?? NullLoggerFactory.Instance).CreateLogger<InboundAuthenticator>();
        var suffixes = PublicSuffixList.Load(options.Auth.PublicSuffixList);
        logger.SuffixList(suffixes.FromFile ? options.Auth.PublicSuffixList : "built-in fallback (file missing)", suffixes.Count);
        var txt = new TxtLookup(resolver);
        return new InboundAuthenticator(
            options.Hostname, options.Auth, new SpfChecker(resolver, options.Hostname), new DkimChecker(txt), new DmarcChecker(txt, suffixes, Random.Shared), logger);
    }

    /// <summary>Checks <paramref name="message"/> (the bytes as received) from <paramref name="envelope"/>, within
    /// <see cref="InboundAuthOptions.TimeoutSeconds"/>: past it, every result is temperror and the message is delivered.</summary>
    public async Task<InboundVerdict> CheckAsync(InboundEnvelope envelope, ReadOnlySequence<byte> message, string queueId, CancellationToken cancellationToken)
    {
        // Parsed once, before the clock starts: it asks nobody, and the timeout answer needs the From domain too.
        var headers = await ParseHeadersAsync(message, cancellationToken).ConfigureAwait(false);
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bounded.CancelAfter(TimeSpan.FromSeconds(options.TimeoutSeconds));
        try
        {
            return await CheckWithinAsync(envelope, message, headers, queueId, bounded.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var at = envelope.MailFrom.LastIndexOf('@');
            var spfCheck = new SpfCheck(AuthResult.TempError, at < 0 ? envelope.Helo : envelope.MailFrom[(at + 1)..], at < 0);
            var dmarcCheck = new DmarcCheck(AuthResult.TempError, FromDomain(headers) ?? string.Empty, null, DmarcPolicy.None);
            logger.Verdict(queueId, envelope.Client.ToString(), spfCheck.FromHelo ? string.Empty : spfCheck.Domain, dmarcCheck.FromDomain,
                "temperror", "timeout", "temperror", "-", MessageDisposition.Deliver);
            return new InboundVerdict(AuthenticationResultsHeader.Format(hostname, spfCheck, [], dmarcCheck), MessageDisposition.Deliver, spfCheck, [], dmarcCheck);
        }
    }

    private async Task<InboundVerdict> CheckWithinAsync(
        InboundEnvelope envelope, ReadOnlySequence<byte> message, HeaderList headers, string queueId, CancellationToken cancellationToken)
    {
        var spfTask = spf.CheckAsync(envelope, cancellationToken);

        // Only a DKIM signature needs the whole message (its body hash); SPF and DMARC need the envelope and From.
        IReadOnlyList<DkimCheck> signatures = headers.Contains(HeaderId.DkimSignature)
            ? await dkim.CheckAsync(await ParseAsync(message, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false)
            : [];
        var spfCheck = await spfTask.ConfigureAwait(false);
        var fromDomain = FromDomain(headers);

        // RFC 7489 6.6.1: without exactly one author domain DMARC cannot be applied.
        var dmarcCheck = fromDomain is null
            ? new DmarcCheck(AuthResult.PermError, string.Empty, null, DmarcPolicy.None)
            : await dmarc.CheckAsync(fromDomain, spfCheck, signatures, cancellationToken).ConfigureAwait(false);
        var disposition = dmarcCheck.Result != AuthResult.Fail ? MessageDisposition.Deliver : dmarcCheck.Disposition switch
        {
            DmarcPolicy.Reject => options.QuarantineInsteadOfReject ? MessageDisposition.Junk : MessageDisposition.Reject,
            DmarcPolicy.Quarantine => MessageDisposition.Junk,
            _ => MessageDisposition.Deliver,
        };

        logger.Verdict(queueId, envelope.Client.ToString(), spfCheck.FromHelo ? string.Empty : spfCheck.Domain, dmarcCheck.FromDomain,
            AuthResultText.Keyword(spfCheck.Result), signatures.Count == 0 ? "none" : string.Join(',', signatures.Select(s => $"{AuthResultText.Keyword(s.Result)}:{s.Domain}")),
            AuthResultText.Keyword(dmarcCheck.Result), dmarcCheck.Policy?.ToString() ?? "-", disposition);
        return new InboundVerdict(AuthenticationResultsHeader.Format(hostname, spfCheck, signatures, dmarcCheck), disposition, spfCheck, signatures, dmarcCheck);
    }

    // MimeKit is lenient; what it still refuses has no From or signatures to check (DMARC permerror, dkim=none).
    private static async Task<MimeMessage> ParseAsync(ReadOnlySequence<byte> message, CancellationToken cancellationToken)
    {
        using var stream = new SequenceStream(message);
        try
        {
            return await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException)
        {
            return new MimeMessage();
        }
    }

    // The message's header block; what MimeKit refuses counts as no header at all (DMARC permerror, dkim=none).
    private static async Task<HeaderList> ParseHeadersAsync(ReadOnlySequence<byte> message, CancellationToken cancellationToken)
    {
        using var stream = new SequenceStream(message);
        try
        {
            return await HeaderList.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }
        catch (FormatException)
        {
            return [];
        }
    }

    // The domain of the From header: one field, whose addresses all share one domain; null otherwise.
    private static string? FromDomain(HeaderList headers)
    {
        var fields = headers.Where(h => h.Id == HeaderId.From).Take(2).ToArray();
        if (fields.Length != 1 || !InternetAddressList.TryParse(ParserOptions.Default, fields[0].RawValue, out var from))
        {
            return null;
        }

        var domains = from.Mailboxes.Select(m => m.Domain.TrimEnd('.')).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        return domains.Length == 1 && domains[0].Length > 0 ? domains[0] : null;
    }
}
