using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mail.Server.Dkim;

/// <summary>The DKIM keys in the data folder: <c>DATA/dkim/DOMAIN/keys.json</c> (the manifest: selector, algorithm,
/// state of each key) and <c>DATA/dkim/DOMAIN/SELECTOR.pem</c> (the private key, owner-only). The CLI writes it
/// (<see cref="DkimKeyring"/>), the running server only reads it.</summary>
internal sealed class DkimKeyFolder(string root)
{
    /// <summary>The manifest's file name in a domain's folder.</summary>
    public const string ManifestName = "keys.json";

    /// <summary>How the manifest is written and read.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,

        // Base64 keys keep their '+' readable; the file is never embedded in HTML.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>DATA/dkim.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The folder of one (normalised) domain.</summary>
    public string DomainFolder(string domain) => Path.Combine(Root, domain);

    /// <summary>The manifest of one domain.</summary>
    public string ManifestFile(string domain) => Path.Combine(DomainFolder(domain), ManifestName);

    /// <summary>The private key file of one key.</summary>
    public string PrivateKeyFile(string domain, string selector) => Path.Combine(DomainFolder(domain), selector + ".pem");

    /// <summary>The keys of <paramref name="domain"/> in the order they were generated; empty when it has none.</summary>
    public async Task<IReadOnlyList<DkimKey>> ReadAsync(string domain, CancellationToken cancellationToken)
    {
        var file = ManifestFile(domain);
        if (!File.Exists(file))
        {
            return [];
        }

        var stream = File.OpenRead(file);
        await using (stream.ConfigureAwait(false))
        {
            try
            {
                return await JsonSerializer.DeserializeAsync<DkimKey[]>(stream, Json, cancellationToken).ConfigureAwait(false) ?? [];
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{file} is not a DKIM key manifest: {ex.Message}", ex);
            }
        }
    }
}
