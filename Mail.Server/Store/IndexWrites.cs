using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>The row changes every index write is made of, each keeping UIDNEXT, HIGHESTMODSEQ, the mailbox counters,
/// the body reference counts and the expunge log consistent. Callers hold a transaction.</summary>
internal static class IndexWrites
{
    /// <summary>Records a body and its cached analysis once (later messages with the same bytes share the row).</summary>
    public static void RecordBody(SqliteConnection connection, StoredBody body, MessageAnalysis analysis)
    {
        using (var insert = IndexDatabase.Command(connection, "INSERT INTO bodies (hash, size, refcount) VALUES ($h, $s, 0) ON CONFLICT(hash) DO NOTHING",
            ("$h", body.Hash), ("$s", body.Size)))
        {
            if (insert.ExecuteNonQuery() == 0)
            {
                return;
            }
        }

        WriteAnalysis(connection, body.Hash, analysis);
    }

    /// <summary>Writes (or replaces) a body's cached analysis, marked as made by the current analyser.</summary>
    public static void WriteAnalysis(SqliteConnection connection, string hash, MessageAnalysis analysis) =>
        IndexDatabase.Execute(connection, "INSERT OR REPLACE INTO analyses (hash, envelope, structure, search, version) VALUES ($h, $e, $t, $f, $v)",
            ("$h", hash), ("$e", JsonSerializer.Serialize(analysis.Envelope)), ("$t", JsonSerializer.Serialize(analysis.Structure)),
            ("$f", (object?)analysis.SearchHeaders ?? DBNull.Value), ("$v", MessageAnalyzer.Version));

    /// <summary>Adds a message to a mailbox: the next UID, a new MODSEQ, one more reference to the body (unless the
    /// caller counts the references of many inserts at once, <see cref="AddReferences"/>).</summary>
    public static (long Uid, long ModSeq) Insert(SqliteConnection connection, long mailboxId, string hash, long size, string flags, DateTimeOffset internalDate,
        bool countReference = true)
    {
        long uid, modseq;
        using (var next = IndexDatabase.Command(connection, """
            UPDATE mailboxes SET uidnext = uidnext + 1, highestmodseq = highestmodseq + 1, message_count = message_count + 1, size = size + $s
            WHERE id = $id RETURNING uidnext - 1, highestmodseq
            """, ("$id", mailboxId), ("$s", size)))
        {
            using var reader = next.ExecuteReader();
            if (!reader.Read())
            {
                throw new InvalidOperationException($"mailbox {mailboxId} does not exist");
            }

            (uid, modseq) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        IndexDatabase.Execute(connection, "INSERT INTO messages (mailbox_id, uid, body_hash, internal_date, internal_zone, flags, modseq, size) VALUES ($m, $u, $h, $d, $z, $f, $q, $s)",
            ("$m", mailboxId), ("$u", uid), ("$h", hash), ("$d", internalDate.ToUnixTimeSeconds()), ("$z", (int)internalDate.Offset.TotalMinutes),
            ("$f", flags), ("$q", modseq), ("$s", size));
        if (countReference)
        {
            AddReferences(connection, hash, 1);
        }

        return (uid, modseq);
    }

    /// <summary>Counts <paramref name="count"/> more messages referring to a body: a group's fan-out in one statement.</summary>
    public static void AddReferences(SqliteConnection connection, string hash, long count) =>
        IndexDatabase.Execute(connection, "UPDATE bodies SET refcount = refcount + $n WHERE hash = $h", ("$h", hash), ("$n", count));

    /// <summary>Removes a message, logs the expunge under <paramref name="modseq"/>, and returns its body's hash when
    /// that was the body's last reference (the caller deletes the file after the commit); null otherwise or when
    /// there was no such message.</summary>
    public static (bool Removed, string? Released) Delete(SqliteConnection connection, long mailboxId, long uid, long modseq)
    {
        string hash;
        using (var delete = IndexDatabase.Command(connection, "DELETE FROM messages WHERE mailbox_id = $m AND uid = $u RETURNING body_hash", ("$m", mailboxId), ("$u", uid)))
        {
            if (delete.ExecuteScalar() is not string found)
            {
                return (false, null);
            }

            hash = found;
        }

        long refCount, size;
        using (var decrement = IndexDatabase.Command(connection, "UPDATE bodies SET refcount = refcount - 1 WHERE hash = $h RETURNING refcount, size", ("$h", hash)))
        {
            using var reader = decrement.ExecuteReader();
            reader.Read();
            (refCount, size) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        IndexDatabase.Execute(connection, "UPDATE mailboxes SET message_count = message_count - 1, size = size - $s, expunge_logged = expunge_logged + 1 WHERE id = $m", ("$s", size), ("$m", mailboxId));
        IndexDatabase.Execute(connection, "INSERT OR REPLACE INTO expunged (mailbox_id, uid, modseq) VALUES ($m, $u, $q)", ("$m", mailboxId), ("$u", uid), ("$q", modseq));
        if (refCount > 0)
        {
            return (true, null);
        }

        IndexDatabase.Execute(connection, "DELETE FROM bodies WHERE hash = $h; DELETE FROM analyses WHERE hash = $h", ("$h", hash));
        return (true, hash);
    }

    /// <summary>Takes the next MODSEQ of a mailbox.</summary>
    public static long NextModSeq(SqliteConnection connection, long mailboxId) =>
        IndexDatabase.Scalar(connection, "UPDATE mailboxes SET highestmodseq = highestmodseq + 1 WHERE id = $m RETURNING highestmodseq", ("$m", mailboxId));
}
