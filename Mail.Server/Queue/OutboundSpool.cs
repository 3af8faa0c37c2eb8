using System.Text;
using System.Text.Json;
using Mail.Server.Store;

namespace Mail.Server.Queue;

/// <summary>Holds accepted mail for other domains durably until the delivery queue (issue 5) sends it: one
/// fsynced file per message with the envelope (sender, recipients) in a JSON first line, then the message.</summary>
public sealed class OutboundSpool
{
    /// <summary>Keeps spooled messages in <paramref name="folder"/> (DATA/spool).</summary>
    public OutboundSpool(string folder)
    {
        Folder = Path.GetFullPath(folder);
        System.IO.Directory.CreateDirectory(Path.Combine(Folder, "tmp"));
    }

    /// <summary>The spool folder.</summary>
    public string Folder { get; }

    /// <summary>Writes one message for <paramref name="recipients"/>; when it returns, it is on disk.</summary>
    public async Task<string> EnqueueAsync(string sender, IReadOnlyList<string> recipients, ReadOnlyMemory<byte> message, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid().ToString("N");
        var temporary = Path.Combine(Folder, "tmp", id);
        var envelope = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new { sender, recipients, queued = DateTimeOffset.UtcNow }) + "\r\n");
        var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(envelope, cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        DurableFile.Publish(temporary, Path.Combine(Folder, id + ".msg"), Folder);
        return id;
    }

    /// <summary>The spooled message files, oldest first.</summary>
    public IReadOnlyList<string> Pending() =>
        System.IO.Directory.EnumerateFiles(Folder, "*.msg").OrderBy(File.GetLastWriteTimeUtc).ToArray();
}
