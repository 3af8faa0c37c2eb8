using System.Security.Cryptography;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Mail.Server.Dkim;

/// <summary>MimeKit's DKIM signer for rsa-sha256 with the signature itself made by .NET's RSA (OpenSSL): BouncyCastle's
/// managed big-integer RSA took about 30 ms per 2048-bit signature and held SMTP acceptance to ~30 messages a second
/// (bench/outbound). MimeKit still canonicalises and builds the header; only the last step changes hands.</summary>
internal sealed class NativeRsaDkimSigner : DkimSigner
{
    private readonly RSA _rsa;

    /// <summary>A signer for <paramref name="pem"/> (the PKCS#8 or PKCS#1 private key, PEM text).</summary>
    public NativeRsaDkimSigner(byte[] pem, string domain, string selector)
        : base(new MemoryStream(pem, writable: false), domain, selector, DkimSignatureAlgorithm.RsaSha256)
    {
        _rsa = RSA.Create();
        _rsa.ImportFromPem(System.Text.Encoding.ASCII.GetString(pem));
    }

    protected override ISigner CreateSigningContext() => new Sha256RsaSignature(_rsa);
}
