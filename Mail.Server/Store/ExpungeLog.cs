using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>The expunge log (table <c>expunged</c>) that QRESYNC's VANISHED answers come from, kept to the last
/// <see cref="Limit"/> entries per mailbox. What pruning removes raises the mailbox's <c>expunge_floor</c>: the log
/// holds every expunge with a MODSEQ above the floor, so a client resynchronising from below it gets the
/// <see cref="ExpungedUids.AllAbsent"/> form instead of a list with holes.</summary>
internal sealed class ExpungeLog
{
    /// <summary>The entries kept per mailbox: a client that was away for this many expunges gets the long form.</summary>
    public int Limit { get; set; } = 10_000;

    /// <summary>Drops a mailbox's entries beyond <see cref="Limit"/> and raises its floor; in the caller's transaction.
    /// Entries go by whole MODSEQ (one EXPUNGE command's UIDs share one), oldest first. Whether it is due is one
    /// counter (<c>expunge_logged</c>, kept by every logged expunge); the walks of the log happen only when it has grown
    /// by a quarter over the limit, so their cost is spread over that many expunges.</summary>
    public void Prune(SqliteConnection connection, long mailboxId)
    {
        var slack = Math.Max(1, Limit / 4);
        if (IndexDatabase.Scalar(connection, "SELECT expunge_logged FROM mailboxes WHERE id = $m", ("$m", mailboxId)) < Limit + slack)
        {
            return;
        }

        using var cut = IndexDatabase.Command(connection,
            "SELECT modseq FROM expunged WHERE mailbox_id = $m ORDER BY modseq DESC LIMIT 1 OFFSET $k", ("$m", mailboxId), ("$k", Limit));
        if (cut.ExecuteScalar() is long floor)
        {
            IndexDatabase.Execute(connection, "DELETE FROM expunged WHERE mailbox_id = $m AND modseq <= $f", ("$m", mailboxId), ("$f", floor));
            IndexDatabase.Execute(connection, "UPDATE mailboxes SET expunge_floor = max(expunge_floor, $f) WHERE id = $m", ("$m", mailboxId), ("$f", floor));
        }

        // Counted again rather than adjusted: a replaced entry (INSERT OR REPLACE) was counted twice.
        IndexDatabase.Execute(connection,
            "UPDATE mailboxes SET expunge_logged = (SELECT COUNT(*) FROM expunged WHERE mailbox_id = $m) WHERE id = $m", ("$m", mailboxId));
    }

    /// <summary>The UIDs expunged after <paramref name="modseq"/>, in the caller's transaction.</summary>
    public static ExpungedUids Since(SqliteConnection connection, long mailboxId, long modseq)
    {
        long uidNext, floor;
        using (var mailbox = IndexDatabase.Command(connection, "SELECT uidnext, expunge_floor FROM mailboxes WHERE id = $m", ("$m", mailboxId)))
        {
            using var reader = mailbox.ExecuteReader();
            if (!reader.Read())
            {
                return ExpungedUids.None;
            }

            (uidNext, floor) = (reader.GetInt64(0), reader.GetInt64(1));
        }

        var uids = new List<long>();
        using (var command = modseq < floor
            ? IndexDatabase.Command(connection, "SELECT uid FROM messages WHERE mailbox_id = $m ORDER BY uid", ("$m", mailboxId))
            : IndexDatabase.Command(connection, "SELECT uid FROM expunged WHERE mailbox_id = $m AND modseq > $q ORDER BY uid", ("$m", mailboxId), ("$q", modseq)))
        {
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                uids.Add(reader.GetInt64(0));
            }
        }

        return modseq < floor ? ExpungedUids.AllAbsent([.. uids], uidNext) : ExpungedUids.Logged(uids, uidNext);
    }
}
