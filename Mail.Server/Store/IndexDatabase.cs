using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>Connections to the index's SQLite file with the settings every writer relies on, and the two small
/// helpers every query uses.</summary>
internal sealed class IndexDatabase(string path, bool syncCommits = true)
{
    private readonly string _connectionString = new SqliteConnectionStringBuilder
    {
        DataSource = path,
        Mode = SqliteOpenMode.ReadWriteCreate,
        Cache = SqliteCacheMode.Private,
        Pooling = true,
        DefaultTimeout = 30,
    }.ToString();

    // Idle connections, open and configured, with their compiled statements. A handful covers the concurrency of
    // SMTP deliveries and IMAP sessions; more than that are closed when they come back.
    private const int MaxIdle = 16;
    private readonly System.Collections.Concurrent.ConcurrentBag<IndexConnection> _idle = [];
    private int _idleCount;

    public SqliteConnection Open()
    {
        if (_idle.TryTake(out var pooled))
        {
            Interlocked.Decrement(ref _idleCount);
            return pooled;
        }

        var connection = new IndexConnection(_connectionString, Release);
        connection.Open();

        // FULL: a commit is fsynced before it returns, which is what lets SMTP say 250 right after it. NORMAL (for
        // a database whose every row can be rebuilt from fsynced files): a power loss may take back the last
        // commits, a crashed process never does, and WAL never leaves it corrupt.
        Execute(connection, $"PRAGMA synchronous = {(syncCommits ? "FULL" : "NORMAL")}; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;");
        return connection;
    }

    /// <summary>Until disposed, commits on <paramref name="connection"/> return without waiting for the disk: for
    /// flag changes, which (as in Dovecot) are not worth an fsync each. A power loss may take the last few back;
    /// it never corrupts the index (WAL), and the next synced commit or checkpoint makes them durable.</summary>
    public static IDisposable CommitWithoutSync(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA synchronous = NORMAL");
        return new SyncRestorer(connection);
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        SqliteCommand command;
        if (connection is IndexConnection pooled)
        {
            command = pooled.Rent(sql);
        }
        else
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }

        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    public static void Execute(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        command.ExecuteNonQuery();
    }

    public static long Scalar(SqliteConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(connection, sql, parameters);
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A mailbox's HIGHESTMODSEQ, or -1 when there is no such mailbox: every change to the mailbox raises it,
    /// so it tells whether anything read earlier is still current.</summary>
    public static long HighestModSeq(SqliteConnection connection, long mailboxId) =>
        Scalar(connection, "SELECT COALESCE((SELECT highestmodseq FROM mailboxes WHERE id = $m), -1)", ("$m", mailboxId));

    // Called by a connection being disposed: true keeps it for the next Open.
    private bool Release(IndexConnection connection)
    {
        if (Interlocked.Increment(ref _idleCount) > MaxIdle)
        {
            Interlocked.Decrement(ref _idleCount);
            return false;
        }

        _idle.Add(connection);
        return true;
    }

    private sealed class SyncRestorer(SqliteConnection connection) : IDisposable
    {
        public void Dispose() => Execute(connection, "PRAGMA synchronous = FULL");
    }
}
