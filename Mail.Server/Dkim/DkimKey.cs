namespace Mail.Server.Dkim;

/// <summary>One DKIM key of a domain as the key folder's manifest records it; the private key is in
/// <c>SELECTOR.pem</c> beside the manifest.</summary>
/// <param name="Selector">The DNS selector (<c>SELECTOR._domainkey.DOMAIN</c>).</param>
/// <param name="Algorithm">RSA or Ed25519.</param>
/// <param name="State">Pending, active or retired.</param>
/// <param name="PublicKey">The <c>p=</c> value: base64 SubjectPublicKeyInfo (RSA) or the raw 32-byte key (Ed25519).</param>
/// <param name="Created">When the key was generated.</param>
/// <param name="Changed">When the state last changed.</param>
internal sealed record DkimKey(string Selector, DkimAlgorithm Algorithm, DkimKeyState State, string PublicKey, DateTimeOffset Created, DateTimeOffset Changed)
{
    /// <summary>The algorithm as written in commands, records and selectors (<c>rsa</c>, <c>ed25519</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string AlgorithmName => NameOf(Algorithm);

    /// <summary>The <c>k=</c> tag value and command-line spelling of <paramref name="algorithm"/>.</summary>
    public static string NameOf(DkimAlgorithm algorithm) => algorithm == DkimAlgorithm.Rsa ? "rsa" : "ed25519";

    /// <summary>Reads <c>rsa</c> or <c>ed25519</c> (any case).</summary>
    public static bool TryParseAlgorithm(string? text, out DkimAlgorithm algorithm)
    {
        algorithm = DkimAlgorithm.Rsa;
        switch (text?.Trim().ToLowerInvariant())
        {
            case "rsa":
                return true;
            case "ed25519":
                algorithm = DkimAlgorithm.Ed25519;
                return true;
            default:
                return false;
        }
    }
}
