using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>The SQLite index of the store (WAL, synchronous=FULL): mailboxes with UIDVALIDITY, UIDNEXT and
/// HIGHESTMODSEQ, messages with UID, flags and MODSEQ, and bodies with reference counts and the cached
/// envelope and structure. A committed transaction is on disk; writers are serialised by SQLite.</summary>
#pragma warning disable CA1001 // The commit gate's SemaphoreSlim never creates a wait handle, so there is nothing to dispose.
public sealed class MailIndex
#pragma warning restore CA1001
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS mailboxes (
            id INTEGER PRIMARY KEY,
            account TEXT NOT NULL,
            name TEXT NOT NULL,
            special_use TEXT,
            uidvalidity INTEGER NOT NULL,
            uidnext INTEGER NOT NULL DEFAULT 1,
            highestmodseq INTEGER NOT NULL DEFAULT 1,
            subscribed INTEGER NOT NULL DEFAULT 1,
            message_count INTEGER NOT NULL DEFAULT 0,
            size INTEGER NOT NULL DEFAULT 0,
            expunge_floor INTEGER NOT NULL DEFAULT 0,
            expunge_logged INTEGER NOT NULL DEFAULT 0,
            UNIQUE (account, name));
        CREATE TABLE IF NOT EXISTS bodies (
            hash TEXT PRIMARY KEY,
            size INTEGER NOT NULL,
            refcount INTEGER NOT NULL) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS analyses (
            hash TEXT PRIMARY KEY,
            envelope TEXT NOT NULL,
            structure TEXT NOT NULL,
            search TEXT,
            version INTEGER NOT NULL DEFAULT 1);
        CREATE TABLE IF NOT EXISTS messages (
            mailbox_id INTEGER NOT NULL REFERENCES mailboxes(id),
            uid INTEGER NOT NULL,
            body_hash TEXT NOT NULL REFERENCES bodies(hash),
            internal_date INTEGER NOT NULL,
            internal_zone INTEGER NOT NULL DEFAULT 0,
            flags TEXT NOT NULL DEFAULT '',
            modseq INTEGER NOT NULL,
            size INTEGER NOT NULL,
            PRIMARY KEY (mailbox_id, uid)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS messages_by_body ON messages(body_hash);
        CREATE TABLE IF NOT EXISTS staged_bodies (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            hash TEXT NOT NULL,
            data BLOB NOT NULL);
        CREATE INDEX IF NOT EXISTS messages_by_modseq ON messages(mailbox_id, modseq);
        CREATE TABLE IF NOT EXISTS expunged (
            mailbox_id INTEGER NOT NULL,
            uid INTEGER NOT NULL,
            modseq INTEGER NOT NULL,
            PRIMARY KEY (mailbox_id, uid)) WITHOUT ROWID;
        CREATE INDEX IF NOT EXISTS expunged_by_modseq ON expunged(mailbox_id, modseq);
        """;

    private const int MaxGroupCommit = 256;

    private readonly IndexDatabase _database;
    private readonly ExpungeLog _expungeLog = new();
    private readonly SemaphoreSlim _commitGate = new(1, 1);
    private readonly System.Collections.Concurrent.ConcurrentQueue<PendingDelivery> _pending = new();

    /// <summary>Opens (creating if needed) the index at <paramref name="path"/>.</summary>
    public MailIndex(string path)
    {
        _database = new IndexDatabase(path);
        using var connection = Open();
        Execute(connection, Schema);
        AddMailboxCounters(connection);
        IndexMigrations.SplitAnalyses(connection);
        IndexMigrations.AddMessageSizes(connection);
        IndexMigrations.AddAnalysisVersions(connection);
        IndexMigrations.AddInternalDateZones(connection);
        IndexMigrations.AddExpungeFloors(connection);
        IndexMigrations.AddExpungeLogCounts(connection);
        Catalog = new MailboxCatalog(_database);
        Contents = new MailboxContents(_database, _expungeLog);
        Staged = new StagedBodies(_database);
    }

    /// <summary>How many expunges the log keeps per mailbox for QRESYNC (10,000 by default); a client resynchronising
    /// from before the oldest kept one is told every absent UID instead.</summary>
    public int ExpungeLogLimit
    {
        get => _expungeLog.Limit;
        set => _expungeLog.Limit = Math.Max(1, value);
    }

    /// <summary>Mailboxes by name: create, delete, rename, subscribe.</summary>
    public MailboxCatalog Catalog { get; }

    /// <summary>The messages of a mailbox as IMAP works on them: rows, changes, flags, copy, move, append.</summary>
    public MailboxContents Contents { get; }

    /// <summary>Small bodies kept here until their files are synced.</summary>
    public StagedBodies Staged { get; }

    /// <summary>Records one delivered body for several accounts: every recipient's INBOX (or Junk, by
    /// <paramref name="folder"/>) gets the next UID and
    /// MODSEQ, and the body's reference count grows by the number of recipients. Deliveries that arrive while a
    /// commit is running are committed together in the next transaction (group commit): one fsync of the WAL for
    /// many messages, each caller still returning only once its own delivery is on disk. A body published without a sync
    /// comes with its bytes in <paramref name="staged"/>, kept in the same transaction.</summary>
    public async Task<IReadOnlyDictionary<string, long>> DeliverAsync(StoredBody body, MessageAnalysis analysis, IReadOnlyList<string> accounts, DateTimeOffset internalDate, DeliveryFolder folder,
        byte[]? staged, CancellationToken cancellationToken)
    {
        var pending = new PendingDelivery(body, analysis, accounts, internalDate, folder, staged);
        _pending.Enqueue(pending);
        await _commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!pending.Done.IsCompleted)
            {
                CommitPending();
            }
        }
        finally
        {
            _commitGate.Release();
        }

        return await pending.Done.ConfigureAwait(false);
    }

    /// <summary>Creates the standard mailboxes of an account that has none; returns the INBOX id.</summary>
    public long EnsureAccount(string account)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var inbox = EnsureAccount(connection, account);
        transaction.Commit();
        return inbox;
    }

    /// <summary>An account's mailboxes with message counts and sizes, INBOX first.</summary>
    public IReadOnlyList<MailboxInfo> Mailboxes(string account)
    {
        using var connection = Open();
        using var command = Command(connection, $"{MailboxColumns} FROM mailboxes WHERE account = $a ORDER BY name <> 'INBOX', id", ("$a", account));
        using var reader = command.ExecuteReader();
        var list = new List<MailboxInfo>();
        while (reader.Read())
        {
            list.Add(ReadMailbox(reader));
        }

        return list;
    }

    /// <summary>Removes messages; returns the bodies whose last reference went (the caller deletes their files
    /// after this commit, so a crash in between leaves an orphan file that recovery removes, never a dangling row).</summary>
    public IReadOnlyList<string> Expunge(long mailboxId, IReadOnlyCollection<long> uids)
    {
        using var connection = Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var released = new List<string>();
        var modseq = IndexWrites.NextModSeq(connection, mailboxId);
        foreach (var uid in uids)
        {
            if (IndexWrites.Delete(connection, mailboxId, uid, modseq).Released is { } hash)
            {
                released.Add(hash);
            }
        }

        _expungeLog.Prune(connection, mailboxId);
        transaction.Commit();
        return released;
    }

    /// <summary>The octets an account's messages take, every mailbox counted (the quota usage), from the
    /// per-mailbox counters kept in the same transactions as the messages.</summary>
    public long Usage(string account)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT COALESCE(SUM(size), 0) FROM mailboxes WHERE account = $a", ("$a", account));
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The account a mailbox belongs to, or null when there is no such mailbox.</summary>
    public string? AccountOf(long mailboxId)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT account FROM mailboxes WHERE id = $m", ("$m", mailboxId));
        return command.ExecuteScalar() as string;
    }

    /// <summary>The UIDs in a mailbox, ascending.</summary>
    public IReadOnlyList<long> Uids(long mailboxId)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT uid FROM messages WHERE mailbox_id = $m ORDER BY uid", ("$m", mailboxId));
        using var reader = command.ExecuteReader();
        var uids = new List<long>();
        while (reader.Read())
        {
            uids.Add(reader.GetInt64(0));
        }

        return uids;
    }

    /// <summary>The body hash and cached analysis of one message, or null.</summary>
    public (string Hash, MessageAnalysis Analysis)? Message(long mailboxId, long uid)
    {
        using var connection = Open();
        using var command = Command(connection, """
            SELECT a.hash, a.envelope, a.structure FROM messages x JOIN analyses a ON a.hash = x.body_hash
            WHERE x.mailbox_id = $m AND x.uid = $u
            """, ("$m", mailboxId), ("$u", uid));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var analysis = new MessageAnalysis(
            JsonSerializer.Deserialize<CachedEnvelope>(reader.GetString(1))!,
            JsonSerializer.Deserialize<CachedPart>(reader.GetString(2))!);
        return (reader.GetString(0), analysis);
    }

    /// <summary>The cached envelope and structure of the messages with UIDs from <paramref name="first"/> to
    /// <paramref name="last"/>, in one query (a FETCH of many messages would otherwise read them one by one).</summary>
    public IReadOnlyDictionary<long, MessageAnalysis> Analyses(long mailboxId, long first, long last)
    {
        using var connection = Open();
        using var command = Command(connection, """
            SELECT x.uid, a.envelope, a.structure FROM messages x JOIN analyses a ON a.hash = x.body_hash
            WHERE x.mailbox_id = $m AND x.uid BETWEEN $a AND $b
            """, ("$m", mailboxId), ("$a", first), ("$b", last));
        using var reader = command.ExecuteReader();
        var analyses = new Dictionary<long, MessageAnalysis>();
        while (reader.Read())
        {
            analyses[reader.GetInt64(0)] = new MessageAnalysis(
                JsonSerializer.Deserialize<CachedEnvelope>(reader.GetString(1))!,
                JsonSerializer.Deserialize<CachedPart>(reader.GetString(2))!);
        }

        return analyses;
    }

    /// <summary>The folded search fields (<see cref="SearchHeaders"/>) of every message of a mailbox by
    /// UID; null for a body analysed before they were kept.</summary>
    public IReadOnlyDictionary<long, string?> SearchHeaders(long mailboxId)
    {
        using var connection = Open();
        using var command = Command(connection, """
            SELECT x.uid, a.search FROM messages x JOIN analyses a ON a.hash = x.body_hash WHERE x.mailbox_id = $m
            """, ("$m", mailboxId));
        using var reader = command.ExecuteReader();
        var kept = new Dictionary<long, string?>();
        while (reader.Read())
        {
            kept[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
        }

        return kept;
    }

    /// <summary>The cached envelopes of every message of a mailbox by UID, in one query (SORT and THREAD read them
    /// all).</summary>
    public IReadOnlyDictionary<long, CachedEnvelope> Envelopes(long mailboxId)
    {
        using var connection = Open();
        using var command = Command(connection, """
            SELECT x.uid, a.envelope FROM messages x JOIN analyses a ON a.hash = x.body_hash WHERE x.mailbox_id = $m
            """, ("$m", mailboxId));
        using var reader = command.ExecuteReader();
        var envelopes = new Dictionary<long, CachedEnvelope>();
        while (reader.Read())
        {
            envelopes[reader.GetInt64(0)] = JsonSerializer.Deserialize<CachedEnvelope>(reader.GetString(1))!;
        }

        return envelopes;
    }

    /// <summary>Mailboxes whose message count or size counter differs from the messages they hold (account,
    /// name, counted, kept); empty when the counters are right.</summary>
    public IReadOnlyList<string> CounterMismatches()
    {
        using var connection = Open();
        using var command = Command(connection, """
            SELECT m.account, m.name, m.message_count, m.size, COUNT(x.uid), COALESCE(SUM(b.size), 0)
            FROM mailboxes m LEFT JOIN messages x ON x.mailbox_id = m.id LEFT JOIN bodies b ON b.hash = x.body_hash
            GROUP BY m.id HAVING m.message_count <> COUNT(x.uid) OR m.size <> COALESCE(SUM(b.size), 0)
                OR COALESCE(SUM(x.size), 0) <> COALESCE(SUM(b.size), 0)
            """);
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add($"mailbox {reader.GetString(1)} of {reader.GetString(0)} records {reader.GetInt64(2)} messages ({reader.GetInt64(3)} octets) but holds {reader.GetInt64(4)} ({reader.GetInt64(5)} octets)");
        }

        return list;
    }

    /// <summary>How much the store holds: mailboxes, messages, distinct bodies and their octets.</summary>
    public (long Mailboxes, long Messages, long Bodies, long Bytes) Totals()
    {
        using var connection = Open();
        using var command = Command(connection,
            "SELECT (SELECT COUNT(*) FROM mailboxes), (SELECT COUNT(*) FROM messages), (SELECT COUNT(*) FROM bodies), (SELECT COALESCE(SUM(size), 0) FROM bodies)");
        using var reader = command.ExecuteReader();
        reader.Read();
        return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    /// <summary>Every body the index references, with its reference count and the count of rows that use it.</summary>
    public IReadOnlyList<(string Hash, long RefCount, long Rows)> BodyReferences()
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT b.hash, b.refcount, (SELECT COUNT(*) FROM messages x WHERE x.body_hash = b.hash) FROM bodies b");
        using var reader = command.ExecuteReader();
        var list = new List<(string, long, long)>();
        while (reader.Read())
        {
            list.Add((reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
        }

        return list;
    }

    /// <summary>Up to <paramref name="limit"/> bodies, in hash order after <paramref name="after"/>, whose cached analysis
    /// an older analyser made.</summary>
    public IReadOnlyList<string> OutdatedAnalyses(string after, int limit)
    {
        using var connection = Open();
        using var command = Command(connection, "SELECT hash FROM analyses WHERE version < $v AND hash > $a ORDER BY hash LIMIT $n",
            ("$v", MessageAnalyzer.Version), ("$a", after), ("$n", limit));
        using var reader = command.ExecuteReader();
        var list = new List<string>();
        while (reader.Read())
        {
            list.Add(reader.GetString(0));
        }

        return list;
    }

    /// <summary>Replaces a body's cached analysis (after the analyser changed).</summary>
    public void ReplaceAnalysis(string hash, MessageAnalysis analysis)
    {
        using var connection = Open();
        IndexWrites.WriteAnalysis(connection, hash, analysis);
    }

    /// <summary>The SELECT clause <see cref="ReadMailbox"/> reads.</summary>
    internal const string MailboxColumns = "SELECT id, account, name, special_use, uidvalidity, uidnext, highestmodseq, message_count, size, subscribed";

    internal static MailboxInfo ReadMailbox(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetInt64(4), reader.GetInt64(5), reader.GetInt64(6), reader.GetInt32(7), reader.GetInt64(8), reader.GetInt64(9) != 0);

    internal static long EnsureAccount(SqliteConnection connection, string account)
    {
        using (var find = Command(connection, "SELECT id FROM mailboxes WHERE account = $a AND name = 'INBOX'", ("$a", account)))
        {
            if (find.ExecuteScalar() is long existing)
            {
                return existing;
            }
        }

        // UIDVALIDITY from the clock, as most servers do: it only has to differ from any earlier mailbox of the same name.
        var validity = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        long inbox = 0;
        foreach (var (name, specialUse) in StandardMailboxes.All)
        {
            using var insert = Command(connection, """
                INSERT INTO mailboxes (account, name, special_use, uidvalidity) VALUES ($a, $n, $s, $v)
                ON CONFLICT(account, name) DO NOTHING RETURNING id
                """, ("$a", account), ("$n", name), ("$s", (object?)specialUse ?? DBNull.Value), ("$v", validity));
            if (insert.ExecuteScalar() is long id && name == StandardMailboxes.Inbox)
            {
                inbox = id;
            }
        }

        return inbox;
    }

    // The \Junk role, not the name, finds the mailbox: a user may have renamed it. Without one, INBOX keeps the message.
    private static long TargetMailbox(SqliteConnection connection, string account, DeliveryFolder folder)
    {
        var inbox = EnsureAccount(connection, account);
        if (folder != DeliveryFolder.Junk)
        {
            return inbox;
        }

        using var find = Command(connection, "SELECT id FROM mailboxes WHERE account = $a AND special_use = '\\Junk' ORDER BY id LIMIT 1", ("$a", account));
        return find.ExecuteScalar() is long junk ? junk : inbox;
    }

    private void CommitPending()
    {
        var batch = new List<PendingDelivery>();
        while (batch.Count < MaxGroupCommit && _pending.TryDequeue(out var next))
        {
            batch.Add(next);
        }

        try
        {
            using var connection = Open();
            using var transaction = connection.BeginTransaction(deferred: false);
            var results = new List<Dictionary<string, long>>(batch.Count);
            foreach (var delivery in batch)
            {
                IndexWrites.RecordBody(connection, delivery.Body, delivery.Analysis);

                // Even when the body is already here: its file may be another delivery's unsynced one, whose copy is
                // not certain to commit.
                if (delivery.Staged is { } staged)
                {
                    StagedBodies.Add(connection, delivery.Body.Hash, staged);
                }

                var uids = new Dictionary<string, long>(StringComparer.Ordinal);
                foreach (var account in delivery.Accounts)
                {
                    if (!uids.ContainsKey(account))
                    {
                        uids[account] = IndexWrites.Insert(connection, TargetMailbox(connection, account, delivery.Folder), delivery.Body.Hash, delivery.Body.Size, string.Empty,
                            delivery.InternalDate, countReference: false).Uid;
                    }
                }

                IndexWrites.AddReferences(connection, delivery.Body.Hash, uids.Count);
                results.Add(uids);
            }

            transaction.Commit();
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Complete(results[i]);
            }
        }
#pragma warning disable CA1031 // Every delivery of the failed transaction gets the failure; none was stored.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var delivery in batch)
            {
                delivery.Fail(ex);
            }
        }
    }

    // Indexes made before the per-mailbox counters existed get them, filled from the messages they hold.
    private static void AddMailboxCounters(SqliteConnection connection)
    {
        using (var probe = Command(connection, "SELECT COUNT(*) FROM pragma_table_info('mailboxes') WHERE name = 'message_count'"))
        {
            if (Convert.ToInt64(probe.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0)
            {
                return;
            }
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        Execute(connection, """
            ALTER TABLE mailboxes ADD COLUMN message_count INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE mailboxes ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
            UPDATE mailboxes SET
                message_count = (SELECT COUNT(*) FROM messages x WHERE x.mailbox_id = mailboxes.id),
                size = (SELECT COALESCE(SUM(b.size), 0) FROM messages x JOIN bodies b ON b.hash = x.body_hash WHERE x.mailbox_id = mailboxes.id);
            """);
        transaction.Commit();
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        IndexDatabase.Command(connection, sql, parameters);

    private static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters) =>
        IndexDatabase.Execute(connection, sql, parameters);

    private SqliteConnection Open() => _database.Open();
}
