using System.Security.Cryptography;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Pkcs;
using Org.BouncyCastle.Security;

namespace Mail.Server.Dkim;

/// <summary>Makes new DKIM key pairs: RSA-2048 with .NET, Ed25519 with BouncyCastle (which .NET lacks); both private
/// keys as PKCS#8 PEM, the form MimeKit's DkimSigner loads.</summary>
internal static class DkimKeyGenerator
{
    // RFC 8301 asks for at least 1024 bits and recommends 2048; 4096 no longer fits one DNS TXT record comfortably.
    private const int RsaBits = 2048;

    /// <summary>Returns the private key PEM and the public key as the record's <c>p=</c> value.</summary>
    public static (string PrivateKeyPem, string PublicKey) Generate(DkimAlgorithm algorithm)
    {
        if (algorithm == DkimAlgorithm.Rsa)
        {
            using var rsa = RSA.Create(RsaBits);
            return (rsa.ExportPkcs8PrivateKeyPem(), Convert.ToBase64String(rsa.ExportSubjectPublicKeyInfo()));
        }

        var generator = new Ed25519KeyPairGenerator();
        generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
        var pair = generator.GenerateKeyPair();
        var pkcs8 = PrivateKeyInfoFactory.CreatePrivateKeyInfo(pair.Private).GetDerEncoded();

        // RFC 8463 3.2: the record carries the bare 32-byte public key, not a SubjectPublicKeyInfo.
        var publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
        return (PemEncoding.WriteString("PRIVATE KEY", pkcs8), Convert.ToBase64String(publicKey));
    }
}
