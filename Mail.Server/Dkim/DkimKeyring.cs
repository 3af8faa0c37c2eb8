using System.Text.Json;
using Mail.Server.Store;

namespace Mail.Server.Dkim;

/// <summary>Changes a domain's DKIM keys: generates keys (active when the domain has no active key of that
/// algorithm, else pending so the record can be published first) and activates a pending key, retiring the one it
/// replaces. Every change is written durably and the manifest is replaced in one rename, so the running server
/// reads either the old or the new set, never half of one.</summary>
internal sealed class DkimKeyring(DkimKeyFolder folder, TimeProvider time)
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>The key folder.</summary>
    public DkimKeyFolder Folder { get; } = folder;

    /// <summary>Makes a new key for <paramref name="domain"/> (already normalised and known to be hosted).</summary>
    public async Task<DkimKey> GenerateAsync(string domain, DkimAlgorithm algorithm, string? selectorText, CancellationToken cancellationToken)
    {
        using var exclusive = Lock(domain);
        var keys = (await Folder.ReadAsync(domain, cancellationToken).ConfigureAwait(false)).ToList();
        var now = time.GetUtcNow();
        string selector;
        if (selectorText is null)
        {
            selector = DkimSelector.Default(algorithm, now, s => IsTaken(domain, keys, s));
        }
        else if (!DkimSelector.TryNormalize(selectorText, out selector, out var error))
        {
            throw new DkimKeyException(error);
        }
        else if (IsTaken(domain, keys, selector))
        {
            throw new DkimKeyException($"{domain} already has a DKIM key with selector {selector}");
        }

        var (pem, publicKey) = DkimKeyGenerator.Generate(algorithm);
        var state = keys.Any(k => k.Algorithm == algorithm && k.State == DkimKeyState.Active) ? DkimKeyState.Pending : DkimKeyState.Active;
        var key = new DkimKey(selector, algorithm, state, publicKey, now, now);
        await WritePrivateKeyAsync(domain, selector, pem, cancellationToken).ConfigureAwait(false);
        keys.Add(key);
        await WriteManifestAsync(domain, keys, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>Generates an active key of each algorithm (RSA, Ed25519) that <paramref name="domain"/> has no active
    /// key of (init, <c>domain add</c>); returns the keys made.</summary>
    public async Task<IReadOnlyList<DkimKey>> EnsureActiveAsync(string domain, CancellationToken cancellationToken)
    {
        var made = new List<DkimKey>();
        foreach (var algorithm in new[] { DkimAlgorithm.Rsa, DkimAlgorithm.Ed25519 })
        {
            var keys = await Folder.ReadAsync(domain, cancellationToken).ConfigureAwait(false);
            if (!keys.Any(k => k.Algorithm == algorithm && k.State == DkimKeyState.Active))
            {
                made.Add(await GenerateAsync(domain, algorithm, null, cancellationToken).ConfigureAwait(false));
            }
        }

        return made;
    }

    /// <summary>Makes the key <paramref name="selectorText"/> active (a pending one, or a retired one to roll back) and
    /// retires the active key of the same algorithm; returns the activated key and the retired one, if any.</summary>
    public async Task<(DkimKey Activated, DkimKey? Retired)> ActivateAsync(string domain, string selectorText, CancellationToken cancellationToken)
    {
        if (!DkimSelector.TryNormalize(selectorText, out var selector, out var error))
        {
            throw new DkimKeyException(error);
        }

        using var exclusive = Lock(domain);
        var keys = (await Folder.ReadAsync(domain, cancellationToken).ConfigureAwait(false)).ToList();
        var index = keys.FindIndex(k => k.Selector == selector);
        if (index < 0)
        {
            throw new DkimKeyException($"{domain} has no DKIM key with selector {selector}");
        }

        if (keys[index].State == DkimKeyState.Active)
        {
            throw new DkimKeyException($"the DKIM key {selector} of {domain} is already active");
        }

        var now = time.GetUtcNow();
        var previous = keys.FindIndex(k => k.Algorithm == keys[index].Algorithm && k.State == DkimKeyState.Active);
        DkimKey? retired = null;
        if (previous >= 0)
        {
            retired = keys[previous] with { State = DkimKeyState.Retired, Changed = now };
            keys[previous] = retired;
        }

        keys[index] = keys[index] with { State = DkimKeyState.Active, Changed = now };
        await WriteManifestAsync(domain, keys, cancellationToken).ConfigureAwait(false);
        return (keys[index], retired);
    }

    // A file left by a crash between the key and the manifest still holds its selector.
    private bool IsTaken(string domain, List<DkimKey> keys, string selector) =>
        keys.Any(k => k.Selector == selector) || File.Exists(Folder.PrivateKeyFile(domain, selector));

    /// <summary>Holds the domain's lock file so two commands cannot change the same manifest at once.</summary>
    private FileStream Lock(string domain)
    {
        var directory = CreateFolder(domain);
        try
        {
            // FileShare.None takes an exclusive advisory lock on Linux; a second holder fails at once.
            return new FileStream(Path.Combine(directory, ".lock"), new FileStreamOptions
            {
                Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None, UnixCreateMode = OwnerOnlyFile,
            });
        }
        catch (IOException ex)
        {
            throw new DkimKeyException($"another command is changing the DKIM keys of {domain}; try again", ex);
        }
    }

    private string CreateFolder(string domain)
    {
        var directory = Folder.DomainFolder(domain);
        foreach (var path in new[] { Folder.Root, directory })
        {
            if (!System.IO.Directory.Exists(path))
            {
                System.IO.Directory.CreateDirectory(path, OwnerOnlyFolder);
                DurableFile.SyncDirectory(Path.GetDirectoryName(path)!);
            }
        }

        return directory;
    }

    private async Task WritePrivateKeyAsync(string domain, string selector, string pem, CancellationToken cancellationToken)
    {
        // Created owner-only: there is no moment at which another user could open the key.
        var file = Folder.PrivateKeyFile(domain, selector);
        await WriteDurablyAsync(file, System.Text.Encoding.ASCII.GetBytes(pem), FileMode.CreateNew, cancellationToken).ConfigureAwait(false);
        DurableFile.SyncDirectory(Folder.DomainFolder(domain));
    }

    private async Task WriteManifestAsync(string domain, List<DkimKey> keys, CancellationToken cancellationToken)
    {
        var final = Folder.ManifestFile(domain);
        var temporary = final + ".tmp";
        await WriteDurablyAsync(temporary, JsonSerializer.SerializeToUtf8Bytes(keys, DkimKeyFolder.Json), FileMode.Create, cancellationToken).ConfigureAwait(false);
        File.Move(temporary, final, overwrite: true);
        DurableFile.SyncDirectory(Folder.DomainFolder(domain));
    }

    private static async Task WriteDurablyAsync(string file, byte[] content, FileMode mode, CancellationToken cancellationToken)
    {
        var stream = new FileStream(file, new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = OwnerOnlyFile });
        await using (stream.ConfigureAwait(false))
        {
            await stream.WriteAsync(content, cancellationToken).ConfigureAwait(false);
            stream.Flush(flushToDisk: true);
        }
    }
}
