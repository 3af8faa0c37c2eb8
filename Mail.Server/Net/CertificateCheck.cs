using System.Globalization;
using System.Security.Cryptography.X509Certificates;

namespace Mail.Server.Net;

/// <summary>What clients will hold against the server certificate: out of its validity dates (or close to the end), not
/// naming the host, or sent without the CA certificate that issued it.</summary>
public static class CertificateCheck
{
    /// <summary>Warn this long before the certificate expires.</summary>
    public static readonly TimeSpan ExpiryWarning = TimeSpan.FromDays(14);

    /// <summary>One sentence per problem (none when clients that trust the issuing CA will accept it).</summary>
    public static IReadOnlyList<string> Problems(ServerCertificate certificate, string hostname, DateTimeOffset now)
    {
        var problems = new List<string>();
        var notBefore = new DateTimeOffset(certificate.NotBefore.ToUniversalTime());
        var notAfter = new DateTimeOffset(certificate.NotAfter.ToUniversalTime());
        if (now < notBefore)
        {
            problems.Add($"the server certificate is not valid before {Date(notBefore)}: clients refuse it until then");
        }
        else if (now > notAfter)
        {
            problems.Add($"the server certificate expired on {Date(notAfter)}: clients refuse it; install a renewed one");
        }
        else if (notAfter - now < ExpiryWarning)
        {
            problems.Add($"the server certificate expires on {Date(notAfter)}: install a renewed one before then");
        }

        if (!certificate.MatchesHostname(hostname))
        {
            problems.Add($"the server certificate does not name {hostname} (Mail:Hostname): clients that check the name refuse it");
        }

        if (MissingIssuer(certificate) is { } issuer)
        {
            problems.Add($"the certificate file holds only the server's certificate, issued by \"{issuer}\", which is not a root CA this machine trusts: "
                + "if that is an intermediate CA, clients that know only the root cannot verify it; put the CA's certificates after the server's in the file (as in a fullchain.pem)");
        }

        return problems;
    }

    // The issuer of a CA-issued certificate that is sent alone and does not chain to a trusted root here; null otherwise.
    // When the file has intermediates the chain's top may still be a private root this machine does not know, which is
    // no mistake, so only the lone certificate is reported.
    private static string? MissingIssuer(ServerCertificate certificate)
    {
        if (IsSelfIssued(certificate) || certificate.Intermediates.Count > 0)
        {
            return null;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        chain.ChainPolicy.VerificationFlags = X509VerificationFlags.IgnoreNotTimeValid;
        chain.Build(certificate);
        return IsSelfIssued(chain.ChainElements[^1].Certificate) ? null : certificate.Issuer;
    }

    private static bool IsSelfIssued(X509Certificate2 certificate) => certificate.SubjectName.RawData.AsSpan().SequenceEqual(certificate.IssuerName.RawData);

    private static string Date(DateTimeOffset moment) => moment.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
