using System.Security.Cryptography;
using System.Security.Cryptography.Pkcs;
using System.Security.Cryptography.X509Certificates;

namespace Mail.WebAdmin.ClientSetup;

/// <summary>Signs a configuration profile as CMS SignedData (RFC 5652, DER, the content inside), the form Apple devices
/// take for a signed <c>.mobileconfig</c>: the device shows who signed it, and a profile changed on the way no longer
/// installs. Signed with the appliance's TLS certificate; the certificates after it in the certificate file (the
/// intermediates of a CA-issued one) go along so the device can build the chain.</summary>
public sealed class ProfileSignature
{
    private readonly X509Certificate2 _certificate;
    private readonly X509Certificate2Collection _chain;

    /// <param name="certificate">The signer, with its private key.</param>
    /// <param name="chain">Further certificates to include (intermediates); may be empty.</param>
    public ProfileSignature(X509Certificate2 certificate, X509Certificate2Collection chain)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("the profile signer needs the certificate's private key", nameof(certificate));
        }

        _certificate = certificate;
        _chain = chain;
    }

    /// <summary>The signed profile: <paramref name="profile"/> wrapped in CMS SignedData.</summary>
    public byte[] Sign(byte[] profile)
    {
        var cms = new SignedCms(new ContentInfo(profile), detached: false);
        var signer = new CmsSigner(SubjectIdentifierType.IssuerAndSerialNumber, _certificate)
        {
            DigestAlgorithm = new Oid("2.16.840.1.101.3.4.2.1", "sha256"),

            // The chain is what the file holds: building one here could go to the network for missing issuers.
            IncludeOption = X509IncludeOption.EndCertOnly,
        };
        signer.Certificates.AddRange(_chain);
        signer.SignedAttributes.Add(new Pkcs9SigningTime(DateTime.UtcNow));
        cms.ComputeSignature(signer, silent: true);
        return cms.Encode();
    }
}
