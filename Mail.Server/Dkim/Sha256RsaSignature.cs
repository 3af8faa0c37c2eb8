using System.Buffers;
using System.Security.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Mail.Server.Dkim;

/// <summary>The ISigner MimeKit feeds the canonical header block into, producing an RSASSA-PKCS1-v1_5 SHA-256 signature
/// with .NET's RSA. The block is small (headers only; the body goes into bh=), so it is buffered and hashed once.</summary>
internal sealed class Sha256RsaSignature(RSA rsa) : ISigner
{
    private readonly ArrayBufferWriter<byte> _data = new(4096);

    public string AlgorithmName => "SHA-256withRSA";

    public void Init(bool forSigning, ICipherParameters parameters)
    {
        // The key is the RSA object given at construction.
    }

    public void Update(byte input) => _data.Write([input]);

    public void BlockUpdate(byte[] input, int inOff, int inLen) => _data.Write(input.AsSpan(inOff, inLen));

    public void BlockUpdate(ReadOnlySpan<byte> input) => _data.Write(input);

    public int GetMaxSignatureSize() => rsa.KeySize / 8;

    public byte[] GenerateSignature()
    {
        var hash = SHA256.HashData(_data.WrittenSpan);
        _data.Clear();

        // One RSA object serves every session; OpenSSL's key handle is not documented as safe for parallel use.
        lock (rsa)
        {
            return rsa.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
    }

    public bool VerifySignature(byte[] signature) => throw new NotSupportedException("this context only signs");

    public void Reset() => _data.Clear();
}
