namespace Mail.Server.Hosting;

/// <summary>The certificate the listeners present (paths relative to the data folder).</summary>
public sealed class TlsOptions
{
    /// <summary>PEM certificate (chain) file.</summary>
    public string CertificateFile { get; set; } = "tls/cert.pem";

    /// <summary>PEM private key file.</summary>
    public string KeyFile { get; set; } = "tls/key.pem";
}
