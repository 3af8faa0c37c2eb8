namespace Mail.Server.Dkim;

/// <summary>The key types a domain signs with: RSA (what every verifier knows) and Ed25519 (RFC 8463).</summary>
internal enum DkimAlgorithm
{
    /// <summary>rsa-sha256 with a 2048-bit key.</summary>
    Rsa,

    /// <summary>ed25519-sha256.</summary>
    Ed25519,
}
