using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>The messages of one mailbox as an IMAP or POP3 session works on them: the rows, what changed since a
/// MODSEQ, flag changes (with UNCHANGEDSINCE), copy and move between mailboxes, and adding a stored body.</summary>
public sealed class MailboxContents
{
    private const string RowColumns = "SELECT x.uid, x.flags, x.modseq, x.internal_date, x.size, x.body_hash, x.internal_zone FROM messages x";

    private readonly IndexDatabase _database;
    private readonly MailboxSnapshots _snapshots;
    private readonly ExpungeLog _expungeLog;

    internal MailboxContents(IndexDatabase database, ExpungeLog expungeLog)
    {
        _database = database;
        _expungeLog = expungeLog;
        _snapshots = new MailboxSnapshots(database, 500_000);
    }

    /// <summary>Every message of the mailbox, by UID.</summary>
    public IReadOnlyList<MessageRow> Rows(long mailboxId) => Snapshot(mailboxId).Rows;

    /// <summary>Every message of the mailbox as of now, shared and immutable (see <see cref="MailboxSnapshots"/>).</summary>
    public MailboxSnapshot Snapshot(long mailboxId) => _snapshots.Current(mailboxId);

    /// <summary>The UIDs of the mailbox's messages flagged \Deleted, ascending (what EXPUNGE and CLOSE remove). Read
    /// directly rather than from a snapshot: the STORE before an EXPUNGE has just made any snapshot old.</summary>
    public IReadOnlyList<long> DeletedUids(long mailboxId)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection,
            "SELECT uid, flags FROM messages WHERE mailbox_id = $m AND instr(flags, '\\Deleted') > 0 ORDER BY uid", ("$m", mailboxId));
        using var reader = command.ExecuteReader();
        var uids = new List<long>();
        while (reader.Read())
        {
            if (MessageFlags.Has(reader.GetString(1), "\\Deleted"))
            {
                uids.Add(reader.GetInt64(0));
            }
        }

        return uids;
    }

    /// <summary>The messages of the mailbox with UIDs from <paramref name="first"/> to <paramref name="last"/>.</summary>
    public IReadOnlyList<MessageRow> Rows(long mailboxId, long first, long last)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection, $"{RowColumns} WHERE x.mailbox_id = $m AND x.uid BETWEEN $a AND $b ORDER BY x.uid",
            ("$m", mailboxId), ("$a", first), ("$b", last));
        using var reader = command.ExecuteReader();
        var rows = new List<MessageRow>();
        while (reader.Read())
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    /// <summary>The mailbox's current HIGHESTMODSEQ, the messages changed or added after <paramref name="modseq"/>,
    /// and the UIDs expunged after it, read in one transaction so nothing falls between them.</summary>
    public (long HighestModSeq, IReadOnlyList<MessageRow> Changed, ExpungedUids Expunged) ChangesSince(long mailboxId, long modseq)
    {
        using var connection = _database.Open();
        var now = IndexDatabase.HighestModSeq(connection, mailboxId);
        if (now >= 0 && now <= modseq)
        {
            // Every change and expunge takes a new MODSEQ: nothing happened since (the common case of a poll, and one
            // statement without a transaction around it).
            return (now, [], ExpungedUids.None);
        }

        using var transaction = connection.BeginTransaction(deferred: true);
        var highest = IndexDatabase.HighestModSeq(connection, mailboxId);
        var changed = Rows(connection, mailboxId, modseq);
        return (highest, changed, ExpungeLog.Since(connection, mailboxId, modseq));
    }

    /// <summary>Changes the flags of some messages; each message whose flags really change gets a new MODSEQ. With
    /// <paramref name="unchangedSince"/>, a message modified after it is left alone and reported.</summary>
    public FlagUpdate StoreFlags(long mailboxId, IReadOnlyList<long> uids, FlagChange change, IReadOnlyCollection<string> flags, long? unchangedSince)
    {
        using var connection = _database.Open();
        using var unsynced = IndexDatabase.CommitWithoutSync(connection);
        using var transaction = connection.BeginTransaction(deferred: false);
        var updated = new List<MessageRow>();
        var modified = new List<long>();
        foreach (var uid in uids)
        {
            if (Row(connection, mailboxId, uid) is not { } row)
            {
                continue;
            }

            if (unchangedSince is { } since && row.ModSeq > since)
            {
                modified.Add(uid);
                continue;
            }

            var stored = MessageFlags.Apply(row.Flags, change, flags);
            if (stored == row.Flags)
            {
                updated.Add(row);
                continue;
            }

            var modseq = IndexWrites.NextModSeq(connection, mailboxId);
            IndexDatabase.Execute(connection, "UPDATE messages SET flags = $f, modseq = $q WHERE mailbox_id = $m AND uid = $u",
                ("$f", stored), ("$q", modseq), ("$m", mailboxId), ("$u", uid));
            updated.Add(row with { Flags = stored, ModSeq = modseq });
        }

        transaction.Commit();
        return new FlagUpdate(updated, modified);
    }

    /// <summary>Copies messages (flags and internal date kept) into another mailbox; returns the (source UID,
    /// new UID) pairs in source order, for COPYUID. With <paramref name="move"/> the sources are expunged in the
    /// same transaction (RFC 6851), so a crash leaves either the copy or the original, never both or neither.</summary>
    public IReadOnlyList<(long SourceUid, long TargetUid)> Copy(long sourceId, IReadOnlyList<long> uids, long targetId, bool move)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        var pairs = new List<(long, long)>();
        var modseq = move ? IndexWrites.NextModSeq(connection, sourceId) : 0;
        foreach (var uid in uids.Order())
        {
            if (Row(connection, sourceId, uid) is not { } row)
            {
                continue;
            }

            var (target, _) = IndexWrites.Insert(connection, targetId, row.Hash, row.Size, row.Flags, row.InternalDateTime);
            if (move)
            {
                IndexWrites.Delete(connection, sourceId, uid, modseq);
            }

            pairs.Add((uid, target));
        }

        if (move)
        {
            _expungeLog.Prune(connection, sourceId);
        }

        transaction.Commit();
        return pairs;
    }

    /// <summary>Adds a body already in the body store (APPEND): returns the new UID.</summary>
    internal long Append(long mailboxId, StoredBody body, MessageAnalysis analysis, string flags, DateTimeOffset internalDate)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        IndexWrites.RecordBody(connection, body, analysis);
        var (uid, _) = IndexWrites.Insert(connection, mailboxId, body.Hash, body.Size, flags, internalDate);
        transaction.Commit();
        return uid;
    }

    internal static List<MessageRow> Rows(SqliteConnection connection, long mailboxId, long sinceModSeq)
    {
        using var command = IndexDatabase.Command(connection, $"{RowColumns} WHERE x.mailbox_id = $m AND x.modseq > $q ORDER BY x.uid",
            ("$m", mailboxId), ("$q", sinceModSeq));
        using var reader = command.ExecuteReader();
        var rows = new List<MessageRow>();
        while (reader.Read())
        {
            rows.Add(Read(reader));
        }

        return rows;
    }

    private static MessageRow? Row(SqliteConnection connection, long mailboxId, long uid)
    {
        using var command = IndexDatabase.Command(connection, $"{RowColumns} WHERE x.mailbox_id = $m AND x.uid = $u", ("$m", mailboxId), ("$u", uid));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }

    private static MessageRow Read(SqliteDataReader reader) =>
        new(reader.GetInt64(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetString(5), reader.GetInt32(6));
}
