using MimeKit;
using MimeKit.Cryptography;

namespace Mail.Server.Auth;

/// <summary>Verifies every DKIM-Signature of a message (RFC 6376) with MimeKit's verifier and keys from DNS.
/// rsa-sha1 stays disabled (RFC 8301), so such signatures fail.</summary>
public sealed class DkimChecker(TxtLookup lookup)
{
    // A hostile message could carry thousands of signatures, each a DNS query and an RSA operation.
    private const int MaxSignatures = 8;

    private readonly DkimVerifier _verifier = new(new DnsDkimKeyLocator(lookup));

    /// <summary>One result per DKIM-Signature header, in header order (at most the first eight).</summary>
    public async Task<IReadOnlyList<DkimCheck>> CheckAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        var checks = new List<DkimCheck>();
        foreach (var header in message.Headers.Where(h => h.Id == HeaderId.DkimSignature).Take(MaxSignatures))
        {
            checks.Add(await VerifyAsync(message, header, cancellationToken).ConfigureAwait(false));
        }

        return checks;
    }

    private async Task<DkimCheck> VerifyAsync(MimeMessage message, Header signature, CancellationToken cancellationToken)
    {
        // The d=, s= and a= tags only for reporting; MimeKit parses the signature for verification itself.
        var tags = TagValueList.Parse(signature.Value, StringComparer.Ordinal);
        var domain = tags.GetValueOrDefault("d", string.Empty);
        var selector = tags.GetValueOrDefault("s", string.Empty);
        var algorithm = tags.GetValueOrDefault("a", string.Empty);
        AuthResult result;
        try
        {
            result = await _verifier.VerifyAsync(message, signature, cancellationToken).ConfigureAwait(false) ? AuthResult.Pass : AuthResult.Fail;
        }
        catch (DkimKeyLookupException ex)
        {
            result = ex.Temporary ? AuthResult.TempError : AuthResult.PermError;
        }
        catch (Exception ex) when (ex is FormatException or ParseException or NotSupportedException or ArgumentException)
        {
            // A signature header that is malformed, incomplete or uses what the verifier does not know.
            result = AuthResult.PermError;
        }

        return new DkimCheck(result, domain, selector, algorithm);
    }
}
