using System.Security.Cryptography.X509Certificates;
using Mail.Server.Hosting;

namespace Mail.Tests.Fixtures;

/// <summary>A self-signed server certificate made the way <c>init</c> makes one, and the check that pins it.</summary>
internal static class TestCertificate
{
    /// <summary>A fresh certificate for <paramref name="hostname"/>, loaded as the servers load theirs.</summary>
    public static X509Certificate2 Create(string hostname = "mail.test.edu.vn")
    {
        var folder = TestFolder.New("tls");
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            SelfSignedCertificate.Write(hostname, Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
            using var pem = X509Certificate2.CreateFromPemFile(Path.Combine(folder, "cert.pem"), Path.Combine(folder, "key.pem"));
            return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        }
        finally
        {
            TestFolder.Remove(folder);
        }
    }

    /// <summary>A MailKit validation callback that accepts exactly <paramref name="certificate"/>.</summary>
    public static System.Net.Security.RemoteCertificateValidationCallback Pin(X509Certificate2 certificate) =>
        (_, presented, _, _) => presented?.GetCertHashString() == certificate.Thumbprint;
}
