using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Mail.Tests.Fixtures;

/// <summary>A test CA's certificate chain, in PEM: root CA → intermediate CA → a server certificate for a host name and
/// 127.0.0.1 with the given validity, and the server's key.</summary>
internal sealed record IssuedCertificate(string RootPem, string IntermediatePem, string ServerPem, string KeyPem)
{
    /// <summary>The usual "fullchain" file: the server's certificate, then the intermediate.</summary>
    public string FullChainPem => ServerPem + IntermediatePem;

    public static IssuedCertificate For(string hostname, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var caStart = DateTimeOffset.UtcNow.AddYears(-2);
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root CA", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(caStart, caStart.AddYears(5));

        using var middleKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var middleRequest = new CertificateRequest("CN=Test Intermediate CA", middleKey, HashAlgorithmName.SHA256);
        middleRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        middleRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        middleRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(middleRequest.PublicKey, false));
        middleRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var middlePublic = middleRequest.Create(root, caStart.AddDays(1), caStart.AddYears(4), [1, 2, 3, 4]);
        using var middle = middlePublic.CopyWithPrivateKey(middleKey);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=" + hostname, serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(hostname);
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(middle, true, false));
        using var server = serverRequest.Create(middle, notBefore, notAfter, [5, 6, 7, 8]);
        return new IssuedCertificate(
            root.ExportCertificatePem() + "\n", middle.ExportCertificatePem() + "\n", server.ExportCertificatePem() + "\n", serverKey.ExportPkcs8PrivateKeyPem());
    }
}
