using MimeKit.Cryptography;

namespace Mail.Server.Dkim;

/// <summary>The loaded signers of one domain's active keys, with the manifest stamp they were loaded from, so a
/// changed manifest (a key generated or activated by the CLI in another process) is noticed with one stat.</summary>
internal sealed class DkimDomainSigners(DateTime manifestWritten, long manifestLength, IReadOnlyList<DkimSigner> signers)
{
    private int _warned;

    /// <summary>No manifest, no keys.</summary>
    public static DkimDomainSigners None() => new(DateTime.MinValue, -1, []);

    /// <summary>No keys and nothing to log: a name that is no domain (such as a single-label host name) can have none.</summary>
    public static DkimDomainSigners NotADomain() => new(DateTime.MinValue, -1, []) { _warned = 1 };

    /// <summary>No signers until <paramref name="manifest"/> changes (its keys could not be loaded).</summary>
    public static DkimDomainSigners Unusable(FileInfo manifest) =>
        manifest.Exists ? new(manifest.LastWriteTimeUtc, manifest.Length, []) : None();

    /// <summary>One signer per active key, RSA first.</summary>
    public IReadOnlyList<DkimSigner> Signers { get; } = signers;

    /// <summary>True the first time this set (without signers) is asked to sign, so the warning is logged once per change.</summary>
    public bool FirstUnsignedUse() => Interlocked.Exchange(ref _warned, 1) == 0;

    /// <summary>True when the manifest on disk is still the one these signers were loaded from.</summary>
    public bool IsCurrent(FileInfo manifest) =>
        manifest.Exists ? manifest.LastWriteTimeUtc == manifestWritten && manifest.Length == manifestLength : manifestLength < 0;

    /// <summary>Loads the active keys listed in <paramref name="manifest"/>.</summary>
    public static async Task<DkimDomainSigners> LoadAsync(DkimKeyFolder folder, string domain, CancellationToken cancellationToken)
    {
        var manifest = new FileInfo(folder.ManifestFile(domain));
        if (!manifest.Exists)
        {
            return None();
        }

        // Stamp first: a change while loading makes the next message load again rather than keep a stale set.
        var (written, length) = (manifest.LastWriteTimeUtc, manifest.Length);
        var signers = new List<DkimSigner>();
        foreach (var key in (await folder.ReadAsync(domain, cancellationToken).ConfigureAwait(false)).Where(k => k.State == DkimKeyState.Active).OrderBy(k => k.Algorithm))
        {
            var pem = await File.ReadAllBytesAsync(folder.PrivateKeyFile(domain, key.Selector), cancellationToken).ConfigureAwait(false);
            using var stream = new MemoryStream(pem, writable: false);
            var signer = key.Algorithm == DkimAlgorithm.Rsa
                ? new NativeRsaDkimSigner(pem, domain, key.Selector)
                : new DkimSigner(stream, domain, key.Selector, DkimSignatureAlgorithm.Ed25519Sha256);
            signer.HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
            signer.BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
            signers.Add(signer);
        }

        return new DkimDomainSigners(written, length, signers);
    }
}
