using System.Text.Json;

namespace Mail.Server.Backup;

/// <summary>The layout of a backup archive: a tar (gzip-compressed when the file name ends in .gz or .tgz) whose entries
/// mirror the data folder, except that the directory is an LDIF export and the SQLite files are online snapshots.</summary>
internal static class BackupArchive
{
    /// <summary>The layout version this code writes and reads.</summary>
    public const int Format = 1;

    public const string Manifest = "backup.json";
    public const string Config = "mailappliance.json";
    public const string DirectoryExport = "directory/directory.ldif";
    public const string StoreIndex = "store/index.db";
    public const string StoreBodies = "store/bodies/";
    public const string StoreBlobs = "store/blobs/";
    public const string QueueDatabase = "spool/queue.db";
    public const string AuditLog = "web/audit.db";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    // What restore accepts: anything else in an archive is refused, so a crafted file cannot plant, say, a slapd
    // configuration or a database file the appliance would trust.
    private static readonly string[] AllowedFiles = [Manifest, Config, DirectoryExport, StoreIndex, QueueDatabase, AuditLog];
    private static readonly string[] AllowedFolders = ["tls/", "dkim/", StoreBodies, StoreBlobs];

    public static bool IsCompressed(string file) =>
        file.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) || file.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase);

    /// <summary>The archive name of a body file: its place in the store, so a restore keeps the store's layout.</summary>
    public static string BodyEntry(Store.BodyStore bodies, string hash) => "store/" + bodies.RelativePathOf(hash);

    /// <summary>The archive name of a spooled message.</summary>
    public static string SpoolEntry(string id) => $"spool/{id}.msg";

    /// <summary>True for an entry name restore may write: a known file, or a plain relative path (no "..", no empty or
    /// hidden segments) inside a known folder, or a spooled message.</summary>
    public static bool IsAllowed(string name)
    {
        if (AllowedFiles.Contains(name, StringComparer.Ordinal))
        {
            return true;
        }

        var segments = name.Split('/');
        if (segments.Any(s => s.Length == 0 || s[0] == '.' || s.Contains('\\', StringComparison.Ordinal) || s.Contains('\0', StringComparison.Ordinal)))
        {
            return false;
        }

        if (segments is ["spool", var file] && file.EndsWith(".msg", StringComparison.Ordinal)
            && Queue.OutboundSpool.IsId(file[..^4]))
        {
            return true;
        }

        return AllowedFolders.Any(folder => name.StartsWith(folder, StringComparison.Ordinal) && name.Length > folder.Length);
    }
}
