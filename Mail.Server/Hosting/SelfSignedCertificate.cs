using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mail.Server.Hosting;

/// <summary>Makes the self-signed certificate an appliance starts with until a real one is mounted.</summary>
public static class SelfSignedCertificate
{
    /// <summary>Writes a PEM certificate (ECDSA P-256, SAN = hostname, 5 years) and an owner-only PEM key.</summary>
    public static void Write(string hostname, string certificateFile, string keyFile)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={hostname}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(hostname);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(5));

        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(keyFile)!);
        using (var stream = new FileStream(keyFile, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            File.SetUnixFileMode(keyFile, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            using var writer = new StreamWriter(stream);
            writer.Write(key.ExportPkcs8PrivateKeyPem());
        }

        File.WriteAllText(certificateFile, certificate.ExportCertificatePem() + "\n");
    }
}
