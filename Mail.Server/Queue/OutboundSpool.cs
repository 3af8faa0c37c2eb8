using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Mail.Server.Store;

namespace Mail.Server.Queue;

/// <summary>Holds accepted mail for other domains durably until the delivery queue sends it: one fsynced file per
/// message (DATA/spool/ID.msg) with the envelope in a JSON first line, then the message; and the recipients' state in
/// <see cref="QueueDatabase"/>. The file is the source of truth: a crash between the file and its rows is repaired
/// by <see cref="Recover"/>, which requeues the file.</summary>
public sealed class OutboundSpool
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    // New mail goes to the delivery loop straight away, without a database read. Bounded: with no loop reading (the
    // CLI, tests) or a loop far behind, what does not fit waits for the loop's poll of the database.
    private readonly Channel<DeliveryJob> _fresh = Channel.CreateBounded<DeliveryJob>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Keeps spooled messages in <paramref name="folder"/> (DATA/spool) and their state in queue.db there.</summary>
    public OutboundSpool(string folder, TimeProvider? time = null)
    {
        Folder = Path.GetFullPath(folder);
        Time = time ?? TimeProvider.System;
        System.IO.Directory.CreateDirectory(Path.Combine(Folder, "tmp"));
        Database = new QueueDatabase(Path.Combine(Folder, "queue.db"));
    }

    /// <summary>The spool folder.</summary>
    public string Folder { get; }

    /// <summary>The recipients' state.</summary>
    public QueueDatabase Database { get; }

    /// <summary>The queue's clock.</summary>
    public TimeProvider Time { get; }

    /// <summary>A new queue id: 16 upper-case hex digits, as SMTP's "queued as" shows them.</summary>
    public static string NewId() => Convert.ToHexString(RandomNumberGenerator.GetBytes(8));

    /// <summary>Writes one message for <paramref name="recipients"/>; when it returns, it is on disk and due.</summary>
    public async Task<string> EnqueueAsync(string sender, IReadOnlyList<string> recipients, ReadOnlyMemory<byte> message, CancellationToken cancellationToken, string? id = null)
    {
        id ??= NewId();
        if (!IsId(id))
        {
            throw new ArgumentException($"'{id}' is not a queue id", nameof(id));
        }

        var queued = Time.GetUtcNow();
        var temporary = Path.Combine(Folder, "tmp", id);
        var envelope = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new SpoolEnvelope(sender, recipients, queued), Json) + "\r\n");
        var file = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024, FileOptions.Asynchronous);
        await using (file.ConfigureAwait(false))
        {
            await file.WriteAsync(envelope, cancellationToken).ConfigureAwait(false);
            await file.WriteAsync(message, cancellationToken).ConfigureAwait(false);
            file.Flush(flushToDisk: true);
        }

        DurableFile.Publish(temporary, PathOf(id), Folder);
        Database.Add(id, sender, recipients, queued, message.Length);
        foreach (var domain in recipients.Distinct(StringComparer.Ordinal).GroupBy(QueueDatabase.DomainOf))
        {
            _fresh.Writer.TryWrite(new DeliveryJob(id, sender, queued, domain.Key, domain.Order(StringComparer.Ordinal).ToList(), 0));
        }

        return id;
    }

    /// <summary>The spooled message files, oldest first.</summary>
    public IReadOnlyList<string> Pending() =>
        System.IO.Directory.EnumerateFiles(Folder, "*.msg").OrderBy(File.GetLastWriteTimeUtc).ToArray();

    /// <summary>The file of a queued message.</summary>
    public string PathOf(string id) => Path.Combine(Folder, id + ".msg");

    /// <summary>Opens a queued message positioned after its envelope line; null when the file is gone (deleted by
    /// an operator meanwhile).</summary>
    public Stream? OpenMessage(string id)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(PathOf(id), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.SequentialScan);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        int b;
        while ((b = stream.ReadByte()) is not -1 and not '\n')
        {
            // Skip the envelope line.
        }

        return stream;
    }

    /// <summary>Removes a message and its state (delivered to all, or deleted by an operator).</summary>
    public bool Delete(string id)
    {
        var known = Database.Remove(id);
        var path = PathOf(id);
        if (!File.Exists(path))
        {
            return known;
        }

        File.Delete(path);
        return true;
    }

    /// <summary>Removes the message once every recipient is final.</summary>
    public void DeleteIfDone(string id)
    {
        if (Database.RemoveIfDone(id))
        {
            File.Delete(PathOf(id));
        }
    }

    /// <summary>Repairs what a crash left: half-written files go, a spooled file without rows is requeued from its
    /// envelope, rows without a file are dropped (nothing left to send), and a message with every recipient final is
    /// removed. Run before the queue starts.</summary>
    public RecoveryReport Recover()
    {
        foreach (var stale in System.IO.Directory.EnumerateFiles(Path.Combine(Folder, "tmp")))
        {
            File.Delete(stale);
        }

        var known = Database.Ids().ToHashSet(StringComparer.Ordinal);
        int requeued = 0, dropped = 0;
        foreach (var file in System.IO.Directory.EnumerateFiles(Folder, "*.msg"))
        {
            var id = Path.GetFileNameWithoutExtension(file);
            if (known.Remove(id))
            {
                continue;
            }

            var firstLine = File.ReadLines(file).FirstOrDefault() ?? string.Empty;
            var envelope = JsonSerializer.Deserialize<SpoolEnvelope>(firstLine, Json);
            if (envelope is null || envelope.Recipients.Count == 0)
            {
                throw new InvalidDataException($"{file} has no envelope line: move it out of the spool and look at it");
            }

            Database.Add(id, envelope.Sender ?? string.Empty, envelope.Recipients, envelope.Queued == default ? File.GetLastWriteTimeUtc(file) : envelope.Queued,
                new FileInfo(file).Length - Encoding.UTF8.GetByteCount(firstLine) - 2);
            requeued++;
        }

        foreach (var orphan in known)
        {
            Database.Remove(orphan);
            dropped++;
        }

        foreach (var finished in Database.Finished())
        {
            DeleteIfDone(finished);
        }

        return new RecoveryReport(requeued, dropped);
    }

    /// <summary>Waits up to <paramref name="timeout"/> for new mail; returns the jobs of what arrived (empty on timeout).</summary>
    public async Task<IReadOnlyList<DeliveryJob>> WaitForNewAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var jobs = new List<DeliveryJob>();
        using (var bounded = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            bounded.CancelAfter(timeout);
            try
            {
                await _fresh.Reader.WaitToReadAsync(bounded.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The timeout: time to look at the database again.
            }
        }

        while (jobs.Count < 10_000 && _fresh.Reader.TryRead(out var job))
        {
            jobs.Add(job);
        }

        return jobs;
    }

    internal static bool IsId(string id) => id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit);
}
