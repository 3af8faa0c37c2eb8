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
    /// Entries go by whole MODSEQ (one EXPUNGE command's UIDs share one), oldest first. Costs one index walk of at
    /// most a quarter more than the limit, so it only works when the log has grown by that quarter.</summary>
    public void Prune(SqliteConnection connection, long mailboxId)
    {
        var slack = Math.Max(1, Limit / 4);
        using (var over = IndexDatabase.Command(connection,
            "SELECT 1 FROM expunged WHERE mailbox_id = $m ORDER BY modseq DESC LIMIT 1 OFFSET $k", ("$m", mailboxId), ("$k", Limit + slack - 1)))
        {
            if (over.ExecuteScalar() is null)
            {
                return;
            }
        }

        using var cut = IndexDatabase.Command(connection,
            "SELECT modseq FROM expunged WHERE mailbox_id = $m ORDER BY modseq DESC LIMIT 1 OFFSET $k", ("$m", mailboxId), ("$k", Limit));
        if (cut.ExecuteScalar() is not long floor)
        {
            return;
        }

        IndexDatabase.Execute(connection, "DELETE FROM expunged WHERE mailbox_id = $m AND modseq <= $f", ("$m", mailboxId), ("$f", floor));
        IndexDatabase.Execute(connection, "UPDATE mailboxes SET expunge_floor = max(expunge_floor, $f) WHERE id = $m", ("$m", mailboxId), ("$f", floor));
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
