using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>Brings an index written by an earlier version to the current layout, in place and once; each step
/// checks whether it is needed, so opening a current index costs one schema probe per step.</summary>
internal static class IndexMigrations
{
    /// <summary>Moves the cached envelope and structure out of <c>bodies</c> into <c>analyses</c>. Kept in one
    /// table, every body row was over a kilobyte, and each join or reference-count update through the bodies
    /// index read several pages; the slim table makes those reads several times cheaper.</summary>
    public static void SplitAnalyses(SqliteConnection connection)
    {
        if (!HasColumn(connection, "bodies", "envelope"))
        {
            return;
        }

        // A table rebuild (SQLite's documented way to drop columns) with messages still referencing bodies.
        IndexDatabase.Execute(connection, "PRAGMA foreign_keys = OFF");
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            IndexDatabase.Execute(connection, """
                INSERT OR IGNORE INTO analyses (hash, envelope, structure) SELECT hash, envelope, structure FROM bodies;
                CREATE TABLE bodies_slim (hash TEXT PRIMARY KEY, size INTEGER NOT NULL, refcount INTEGER NOT NULL) WITHOUT ROWID;
                INSERT INTO bodies_slim (hash, size, refcount) SELECT hash, size, refcount FROM bodies;
                DROP TABLE bodies;
                ALTER TABLE bodies_slim RENAME TO bodies;
                """);
            transaction.Commit();
        }
        finally
        {
            IndexDatabase.Execute(connection, "PRAGMA foreign_keys = ON");
        }
    }

    /// <summary>Gives every message its size (a copy of its body's), so reading a mailbox's rows needs no join.</summary>
    public static void AddMessageSizes(SqliteConnection connection)
    {
        if (HasColumn(connection, "messages", "size"))
        {
            return;
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        IndexDatabase.Execute(connection, """
            ALTER TABLE messages ADD COLUMN size INTEGER NOT NULL DEFAULT 0;
            UPDATE messages SET size = (SELECT b.size FROM bodies b WHERE b.hash = messages.body_hash);
            """);
        transaction.Commit();
    }

    /// <summary>Marks every cached analysis with the analyser version that made it (1 for those before the mark), so
    /// <see cref="MessageStore.UpgradeAnalysesAsync"/> can redo the ones an older analyser got wrong.</summary>
    public static void AddAnalysisVersions(SqliteConnection connection)
    {
        if (HasColumn(connection, "analyses", "version"))
        {
            return;
        }

        IndexDatabase.Execute(connection, "ALTER TABLE analyses ADD COLUMN version INTEGER NOT NULL DEFAULT 1");
    }

    /// <summary>Keeps the zone of each message's internal date (RFC 3501 2.3.3: APPEND's date as the client gave it);
    /// rows from before have +0000, which is what they showed.</summary>
    public static void AddInternalDateZones(SqliteConnection connection)
    {
        if (HasColumn(connection, "messages", "internal_zone"))
        {
            return;
        }

        IndexDatabase.Execute(connection, "ALTER TABLE messages ADD COLUMN internal_zone INTEGER NOT NULL DEFAULT 0");
    }

    /// <summary>Gives every mailbox the MODSEQ below which its expunge log may have been pruned (0: complete).</summary>
    public static void AddExpungeFloors(SqliteConnection connection)
    {
        if (HasColumn(connection, "mailboxes", "expunge_floor"))
        {
            return;
        }

        IndexDatabase.Execute(connection, "ALTER TABLE mailboxes ADD COLUMN expunge_floor INTEGER NOT NULL DEFAULT 0");
    }

    /// <summary>Gives every mailbox the count of its expunge log entries, so pruning need not walk the log to know
    /// whether it is due.</summary>
    public static void AddExpungeLogCounts(SqliteConnection connection)
    {
        if (HasColumn(connection, "mailboxes", "expunge_logged"))
        {
            return;
        }

        IndexDatabase.Execute(connection, """
            ALTER TABLE mailboxes ADD COLUMN expunge_logged INTEGER NOT NULL DEFAULT 0;
            UPDATE mailboxes SET expunge_logged = (SELECT COUNT(*) FROM expunged WHERE expunged.mailbox_id = mailboxes.id);
            """);
    }

    private static bool HasColumn(SqliteConnection connection, string table, string column) =>
        IndexDatabase.Scalar(connection, $"SELECT COUNT(*) FROM pragma_table_info('{table}') WHERE name = $c", ("$c", column)) > 0;
}
