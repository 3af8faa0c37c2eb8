using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Mail.Directory.Addressing;
using MimeKit;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Dkim;

/// <summary>Signs a message for a domain with every active key of that domain (RSA and Ed25519): relaxed/relaxed,
/// the usual headers that are present, From once more than it occurs (so a From added later breaks the signature).
/// The signatures are put in front of the message bytes, which stay exactly as they were. Keys are reloaded when the
/// domain's manifest changes, so keys the CLI generates or activates apply without a restart.</summary>
internal sealed class DkimMessageSigner(DkimKeyFolder folder, ILogger<DkimMessageSigner> logger)
{
    private static readonly string[] SignedHeaders =
    [
        "From", "To", "Cc", "Subject", "Date", "Message-ID", "Reply-To", "In-Reply-To", "References",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding",
    ];

    // MimeKit canonicalises the parsed headers' raw bytes only without International: with it, raw UTF-8 headers
    // (SMTPUTF8) are re-encoded and the signature no longer matches the bytes sent. CRLF is what goes on the wire.
    private static readonly FormatOptions Format = CreateFormat();

    private readonly ConcurrentDictionary<string, DkimDomainSigners> _domains = new(StringComparer.Ordinal);

    /// <summary>The key folder this signer reads.</summary>
    public DkimKeyFolder Folder { get; } = folder;

    /// <summary>True when <paramref name="domain"/> has at least one active key.</summary>
    public async Task<bool> CanSignAsync(string domain, CancellationToken cancellationToken) =>
        (await SignersAsync(domain, cancellationToken).ConfigureAwait(false)).Signers.Count > 0;

    /// <summary>Returns the message with one DKIM-Signature per active key of <paramref name="domain"/> in front, or
    /// null when the domain has no active key (the caller sends it unsigned; that is logged once per key change) or
    /// the message cannot be parsed.</summary>
    public async Task<byte[]?> SignAsync(ReadOnlyMemory<byte> message, string domain, CancellationToken cancellationToken)
    {
        var set = await SignersAsync(domain, cancellationToken).ConfigureAwait(false);
        var signers = set.Signers;
        if (signers.Count == 0)
        {
            if (set.FirstUnsignedUse())
            {
                logger.DomainWithoutKeys(domain);
            }

            return null;
        }

        MimeMessage parsed;
        try
        {
            parsed = await LoadAsync(message, cancellationToken).ConfigureAwait(false);
            var headers = HeadersToSign(parsed);
            foreach (var signer in signers)
            {
                signer.Sign(Format, parsed, headers);
            }
        }
        catch (FormatException ex)
        {
            // The message is already accepted (and maybe stored here); one MimeKit cannot parse leaves unsigned.
            logger.MessageNotSigned(domain, ex.Message);
            return null;
        }

        // Each Sign put its header first; take them and leave the parsed copy, so no byte of the message is rewritten.
        using var signed = new MemoryStream(message.Length + (1024 * signers.Count));
        for (var i = 0; i < signers.Count; i++)
        {
            var header = parsed.Headers[i];
            signed.Write(header.RawField);
            signed.WriteByte((byte)':');

            // MimeKit folds the header it made with the platform's newline; mail has CRLF.
            var value = System.Text.Encoding.ASCII.GetString(header.RawValue).ReplaceLineEndings("\r\n");
            signed.Write(System.Text.Encoding.ASCII.GetBytes(value));
        }

        signed.Write(message.Span);
        return signed.ToArray();
    }

    private async Task<DkimDomainSigners> SignersAsync(string domain, CancellationToken cancellationToken)
    {
        // The domain may come from a From header: only a valid domain name may become a path (no "..", no "/").
        if (!MailAddress.TryNormalizeDomain(domain, out var normalized, out _))
        {
            return DkimDomainSigners.NotADomain();
        }

        domain = normalized;
        var manifest = new FileInfo(Folder.ManifestFile(domain));
        if (_domains.TryGetValue(domain, out var cached) && cached.IsCurrent(manifest))
        {
            return cached;
        }

        DkimDomainSigners loaded;
        try
        {
            loaded = await DkimDomainSigners.LoadAsync(Folder, domain, cancellationToken).ConfigureAwait(false);
            if (loaded.Signers.Count > 0)
            {
                logger.KeysLoaded(domain, string.Join(", ", loaded.Signers.Select(s => s.Selector)));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException or FormatException or ArgumentException)
        {
            // A broken key must not refuse mail: it leaves unsigned until the manifest changes again.
            logger.KeysUnreadable(domain, ex.Message);
            loaded = DkimDomainSigners.Unusable(manifest);
        }

        _domains[domain] = loaded;
        return loaded;
    }

    /// <summary>A read-only stream over the message, without a copy when the memory is an array's.</summary>
    public static MemoryStream OpenRead(ReadOnlyMemory<byte> message)
    {
        var array = MemoryMarshal.TryGetArray(message, out var segment) ? segment : new ArraySegment<byte>(message.ToArray());
        return new MemoryStream(array.Array!, array.Offset, array.Count, writable: false);
    }

    private static async Task<MimeMessage> LoadAsync(ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        using var stream = OpenRead(message);
        return await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Each listed header as often as it occurs (a verifier takes them bottom up), From once more.</summary>
    private static List<string> HeadersToSign(MimeMessage message)
    {
        var names = new List<string>();
        foreach (var name in SignedHeaders)
        {
            // MimeKit keeps the top-level Content-* headers with the body entity and looks them up there when signing.
            var block = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) ? message.Body?.Headers : message.Headers;
            var count = block?.Count(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? 0;
            if (name == "From")
            {
                count++;
            }

            names.AddRange(Enumerable.Repeat(name, count));
        }

        return names;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;
        return format;
    }
}
