namespace Mail.Server.Store;

/// <summary>The message store: durable bodies plus the index. A delivery that returns is on disk, body and
/// index alike, for every recipient.</summary>
public sealed class MessageStore
{
    /// <summary>The largest body published without a sync of its own (see <see cref="DeliverAsync(Stream, IReadOnlyList{string}, DateTimeOffset, DeliveryFolder, CancellationToken)"/>).</summary>
    public const int StagedBodyLimit = 64 * 1024;

    /// <summary>How many octets of staged bodies may wait for their sync before deliveries sync their own again: the
    /// files are synced some 35 s after their delivery, once the kernel has written most of them back, so this is 35 s of
    /// mail at ~7 MB/s, and the most the index grows by (SQLite reuses the space once the copies go).</summary>
    public long StagedBytesLimit { get; set; } = 256L * 1024 * 1024;

    private long _stagedBytes;

    /// <summary>This process's count of the octets staged and not yet synced (an estimate between two syncs: a body
    /// already in the store counts though it adds no copy).</summary>
    public long StagedBytesWaiting => Volatile.Read(ref _stagedBytes);

    /// <summary>Opens (creating if needed) the store in <paramref name="root"/> (DATA/store).</summary>
    public MessageStore(string root)
    {
        Bodies = new BodyStore(root);
        Index = new MailIndex(Path.Combine(Bodies.Root, "index.db"));
    }

    /// <summary>The body files.</summary>
    public BodyStore Bodies { get; }

    /// <summary>The index.</summary>
    public MailIndex Index { get; }

    /// <summary>Change signals for the sessions of each account.</summary>
    public MailboxSignals Signals { get; } = new();

    /// <summary>Stores one message for every account in <paramref name="accounts"/> (each gets it in INBOX once).</summary>
    public Task<DeliveryResult> DeliverAsync(Stream message, IReadOnlyList<string> accounts, DateTimeOffset internalDate, CancellationToken cancellationToken) =>
        DeliverAsync(message, accounts, internalDate, DeliveryFolder.Inbox, cancellationToken);

    /// <summary>Stores one message for every account in <paramref name="accounts"/>, once each, in <paramref name="folder"/>.</summary>
    /// <remarks>A body of at most <see cref="StagedBodyLimit"/> octets in a <see cref="MemoryStream"/> whose buffer is
    /// visible (mail received over SMTP) is published without a sync of its own: its bytes go into the index's group
    /// commit (<see cref="StagedBodies"/>), which is what makes the delivery durable, and <see cref="SyncStagedBodies"/>
    /// syncs the files later. Larger bodies, other streams, and deliveries while <see cref="StagedBytesLimit"/> octets
    /// wait already are written and fsynced first, as before.</remarks>
    public async Task<DeliveryResult> DeliverAsync(Stream message, IReadOnlyList<string> accounts, DateTimeOffset internalDate, DeliveryFolder folder, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(accounts.Count);
        StoredBody body;
        MessageAnalysis analysis;
        byte[]? staged = null;
        if (Stageable(message) is { } bytes)
        {
            body = Bodies.PutUnsynced(bytes);
            staged = bytes.ToArray();
            analysis = await MessageAnalyzer.AnalyzeAsync(message, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            (body, analysis) = await PutAndAnalyzeAsync(message, cancellationToken).ConfigureAwait(false);
        }

        var uids = await Index.DeliverAsync(body, analysis, accounts, internalDate, folder, staged, cancellationToken).ConfigureAwait(false);
        if (staged is not null)
        {
            Interlocked.Add(ref _stagedBytes, staged.Length);
        }

        foreach (var account in uids.Keys)
        {
            Signals.Raise(account);
        }

        return new DeliveryResult(body, uids);
    }

    /// <summary>Syncs the files of bodies staged up to <paramref name="last"/> (an id from <see cref="StagedBodies.Last"/>)
    /// and drops their copies from the index, a thousand at a time (a hundred under a budget); stops between two steps
    /// once <paramref name="budget"/> is spent (what is left stays staged, still durable). Returns how many copies went.</summary>
    public int SyncStagedBodies(long last, TimeSpan? budget = null)
    {
        // Smaller steps under a budget, so the last one ends near it.
        var chunk = budget is null ? 1000 : 100;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var done = 0;
        for (long after = 0; ;)
        {
            var copies = Index.Staged.Between(after, last, chunk);
            if (copies.Count == 0)
            {
                break;
            }

            // A file gone while the index still refers to its body (a delivery that found it and an expunge that
            // deleted it, crossing) is written again from the copy before the copy goes.
            foreach (var hash in Bodies.SyncPublished(copies.Select(c => c.Hash)))
            {
                if (Index.Staged.ReferencedCopy(hash) is { } bytes)
                {
                    Bodies.Rewrite(hash, bytes);
                }
            }

            after = copies[^1].Id;
            Index.Staged.Release(after);
            done += copies.Count;
            if (copies.Count < chunk || System.Diagnostics.Stopwatch.GetElapsedTime(started) > budget)
            {
                break;
            }
        }

        // Recounted rather than subtracted: copies another process staged are released here too.
        Interlocked.Exchange(ref _stagedBytes, Index.Staged.Bytes());
        return done;
    }

    // The unread rest of an in-memory message small enough to stage, or null. The bound on what waits is this
    // process's own count (other processes deliver rarely: reports, restores); it keeps the index from growing by more
    // than that between two syncs when mail arrives faster than the disk takes it.
    private ArraySegment<byte>? Stageable(Stream message)
    {
        if (message is not MemoryStream memory || !memory.TryGetBuffer(out var buffer) || memory.Length - memory.Position > StagedBodyLimit
            || StagedBytesWaiting >= StagedBytesLimit)
        {
            return null;
        }

        return buffer.Slice((int)memory.Position);
    }

    /// <summary>Stores a message into one mailbox of an account (IMAP APPEND); returns its UID.</summary>
    public async Task<long> AppendAsync(string account, long mailboxId, Stream message, string flags, DateTimeOffset internalDate, CancellationToken cancellationToken)
    {
        var (body, analysis) = await PutAndAnalyzeAsync(message, cancellationToken).ConfigureAwait(false);
        var uid = Index.Contents.Append(mailboxId, body, analysis, MessageFlags.Format(MessageFlags.Parse(flags)), internalDate);
        Signals.Raise(account);
        return uid;
    }

    /// <summary>Writes the body durably and analyses it: from the caller's stream again when it can be re-read
    /// (mail received over SMTP is in memory), else from the stored file.</summary>
    private async Task<(StoredBody Body, MessageAnalysis Analysis)> PutAndAnalyzeAsync(Stream message, CancellationToken cancellationToken)
    {
        var start = message.CanSeek ? message.Position : 0;
        var body = await Bodies.PutAsync(message, cancellationToken).ConfigureAwait(false);
        if (message.CanSeek)
        {
            message.Position = start;
            return (body, await MessageAnalyzer.AnalyzeAsync(message, cancellationToken).ConfigureAwait(false));
        }

        var file = Bodies.OpenRead(body.Hash);
        await using (file.ConfigureAwait(false))
        {
            return (body, await MessageAnalyzer.AnalyzeAsync(file, cancellationToken).ConfigureAwait(false));
        }
    }

    /// <summary>Analyses again the bodies an older analyser analysed (see <see cref="MessageAnalyzer.Version"/>), so
    /// FETCH answers for mail stored before an upgrade match those for new mail. Once per upgrade; a current store
    /// costs one query. Returns how many were redone.</summary>
    public async Task<int> UpgradeAnalysesAsync(CancellationToken cancellationToken)
    {
        var done = 0;
        var after = string.Empty;
        while (Index.OutdatedAnalyses(after, 256) is { Count: > 0 } batch)
        {
            foreach (var hash in batch)
            {
                after = hash;
                if (!File.Exists(Bodies.PathOf(hash)))
                {
                    continue;
                }

                var file = Bodies.OpenRead(hash);
                await using (file.ConfigureAwait(false))
                {
                    Index.ReplaceAnalysis(hash, await MessageAnalyzer.AnalyzeAsync(file, cancellationToken).ConfigureAwait(false));
                }

                done++;
            }
        }

        return done;
    }

    /// <summary>Changes flags (IMAP STORE) and tells the account's other sessions.</summary>
    public FlagUpdate StoreFlags(string account, long mailboxId, IReadOnlyList<long> uids, FlagChange change, IReadOnlyCollection<string> flags, long? unchangedSince)
    {
        var update = Index.Contents.StoreFlags(mailboxId, uids, change, flags, unchangedSince);
        Signals.Raise(account);
        return update;
    }

    /// <summary>Copies or moves messages between two mailboxes of an account (IMAP COPY/MOVE).</summary>
    public IReadOnlyList<(long SourceUid, long TargetUid)> Copy(string account, long sourceId, IReadOnlyList<long> uids, long targetId, bool move)
    {
        var pairs = Index.Contents.Copy(sourceId, uids, targetId, move);
        Signals.Raise(account);
        return pairs;
    }

    /// <summary>Deletes a mailbox with its messages and the bodies nothing references any more; false when there
    /// is no such mailbox.</summary>
    public bool DeleteMailbox(string account, string name)
    {
        if (Index.Catalog.Delete(account, name) is not { } released)
        {
            return false;
        }

        DeleteBodies(released);
        Signals.Raise(account);
        return true;
    }

    /// <summary>Removes messages from a mailbox and deletes bodies nothing references any more.</summary>
    public int Expunge(long mailboxId, IReadOnlyCollection<long> uids)
    {
        var released = Index.Expunge(mailboxId, uids);
        DeleteBodies(released);

        if (Index.AccountOf(mailboxId) is { } account)
        {
            Signals.Raise(account);
        }

        return released.Count;
    }

    /// <summary>Checks that every index row has its body file, every reference count matches its rows and every
    /// mailbox's message and size counters match its messages;
    /// returns one line per problem (empty when the store is sound).</summary>
    public IReadOnlyList<string> Verify()
    {
        var problems = new List<string>();
        foreach (var (hash, refCount, rows) in Index.BodyReferences())
        {
            if (!File.Exists(Bodies.PathOf(hash)))
            {
                problems.Add($"body {hash} is missing ({rows} messages refer to it)");
            }

            if (refCount != rows)
            {
                problems.Add($"body {hash} has reference count {refCount} but {rows} messages");
            }
        }

        problems.AddRange(Index.CounterMismatches());
        return problems;
    }

    /// <summary>Removes what a crash left before a delivery was indexed (temporary files, bodies no index row
    /// references). Only the process that owns the store may call it, at start, before it accepts mail:
    /// another process's in-flight delivery looks exactly like such debris.</summary>
    public void Recover()
    {
        Bodies.RemoveTemporaryFiles();

        // A staged body's file may be empty or gone after a power loss; its copy in the index is the one that counted.
        // One syncfs for them all: after a kill there can be a minute of mail's files to flush.
        if (Index.Staged.Last() is > 0 and var last)
        {
            Index.Staged.ForEachReferenced(Bodies.Restore);
            Bodies.SyncAll();
            Index.Staged.Release(last);
        }

        var referenced = Index.BodyReferences().Select(b => b.Hash).ToHashSet(StringComparer.Ordinal);
        foreach (var hash in Bodies.EnumerateHashes().Where(h => !referenced.Contains(h)).ToArray())
        {
            // Written but never indexed: the SMTP client never got a 250 for it, so it is not ours to keep.
            Bodies.Delete(hash);
        }
    }

    // After the index committed: a crash before this leaves orphan files that Recover removes, never a dangling row.
    private void DeleteBodies(IEnumerable<string> released)
    {
        foreach (var hash in released)
        {
            Bodies.Delete(hash);
        }
    }
}
