namespace Mail.Server.Store;

/// <summary>The message store: durable bodies plus the index. A delivery that returns is on disk, body and
/// index alike, for every recipient.</summary>
public sealed class MessageStore
{
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
    public async Task<DeliveryResult> DeliverAsync(Stream message, IReadOnlyList<string> accounts, DateTimeOffset internalDate, DeliveryFolder folder, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(accounts.Count);
        var (body, analysis) = await PutAndAnalyzeAsync(message, cancellationToken).ConfigureAwait(false);
        var uids = await Index.DeliverAsync(body, analysis, accounts, internalDate, folder, cancellationToken).ConfigureAwait(false);
        foreach (var account in uids.Keys)
        {
            Signals.Raise(account);
        }

        return new DeliveryResult(body, uids);
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
