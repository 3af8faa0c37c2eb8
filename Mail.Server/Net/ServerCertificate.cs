using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Mail.Server.Net;

/// <summary>The appliance's TLS certificate with the intermediates that follow it in its PEM file: every handshake
/// (SMTP, IMAP, POP3, the admin port) sends them, so a client that knows only the root CA can verify a CA-issued
/// certificate.</summary>
public sealed class ServerCertificate : X509Certificate2
{
    private ServerCertificate(X509Certificate2 leaf, X509Certificate2Collection intermediates)
        : base(leaf)
    {
        Intermediates = intermediates;
        Context = SslStreamCertificateContext.Create(this, intermediates, offline: true);
    }

    /// <summary>The certificates after the server's own in its file (none for the self-signed one from <c>init</c>).</summary>
    public X509Certificate2Collection Intermediates { get; }

    /// <summary>What SslStream presents: the certificate and its intermediates, built once.</summary>
    public SslStreamCertificateContext Context { get; }

    /// <summary>Loads the PEM pair; the first certificate in <paramref name="certificateFile"/> must match the key.</summary>
    public static ServerCertificate Load(string certificateFile, string keyFile)
    {
        // SslStream on Linux wants a certificate whose key is not ephemeral: load the PEM pair, then re-import.
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        using var leaf = X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
        var all = new X509Certificate2Collection();
        all.ImportFromPemFile(certificateFile);
        var intermediates = new X509Certificate2Collection();
        foreach (var certificate in all)
        {
            if (certificate.Thumbprint == leaf.Thumbprint)
            {
                certificate.Dispose();
            }
            else
            {
                intermediates.Add(certificate);
            }
        }

        return new ServerCertificate(leaf, intermediates);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var certificate in Intermediates)
            {
                certificate.Dispose();
            }
        }

        base.Dispose(disposing);
    }
}
