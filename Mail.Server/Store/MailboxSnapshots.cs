using System.Collections.Concurrent;

namespace Mail.Server.Store;

/// <summary>The latest <see cref="MailboxSnapshot"/> of each mailbox read lately, shared by every session: reading
/// a whole mailbox's rows from SQLite costs about a microsecond a row, and SELECT, whole-mailbox FETCH and flag
/// searches all need them. A snapshot is used only while the mailbox's HIGHESTMODSEQ is unchanged (every write
/// raises it, also from another process), so it is never stale; checking costs one small query. Bounded by rows;
/// when full it starts afresh.</summary>
internal sealed class MailboxSnapshots(IndexDatabase database, int budgetRows)
{
    private readonly ConcurrentDictionary<long, MailboxSnapshot> _latest = new();
    private long _rows;

    /// <summary>The mailbox's rows as they are now (empty for a mailbox that does not exist).</summary>
    public MailboxSnapshot Current(long mailboxId)
    {
        using var connection = database.Open();
        var cached = _latest.GetValueOrDefault(mailboxId);
        if (cached is not null && cached.HighestModSeq == IndexDatabase.HighestModSeq(connection, mailboxId))
        {
            return cached;
        }

        // The number and the rows in one transaction, so the snapshot is what that MODSEQ says.
        using var transaction = connection.BeginTransaction(deferred: true);
        var highest = IndexDatabase.HighestModSeq(connection, mailboxId);
        var snapshot = new MailboxSnapshot(highest, [.. MailboxContents.Rows(connection, mailboxId, 0)]);
        if (Interlocked.Add(ref _rows, snapshot.Rows.Count - (cached?.Rows.Count ?? 0)) > budgetRows)
        {
            _latest.Clear();
            Interlocked.Exchange(ref _rows, snapshot.Rows.Count);
        }

        // A slower reader may store an older snapshot over a newer one; the next caller sees the mismatch and reads again.
        _latest[mailboxId] = snapshot;
        return snapshot;
    }
}
