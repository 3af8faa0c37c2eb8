using Microsoft.Data.Sqlite;

namespace Mail.Server.Backup;

/// <summary>Copies a live SQLite database (WAL, written by a running appliance) into a new file with SQLite's online
/// backup API: the copy is one committed state, and writers in other processes are not stopped meanwhile.</summary>
internal static class SqliteSnapshot
{
    public static void Copy(string database, string snapshot)
    {
        // No pooling: the handles must be closed when this returns, so the snapshot can be read, archived and deleted.
        // ReadWrite without Create: a read-only open of a WAL database fails when its -shm file does not exist yet.
        using var source = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = database,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = snapshot,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        source.Open();
        target.Open();
        source.BackupDatabase(target);
    }

    /// <summary>Runs a query on a snapshot file and returns the first column of every row as text.</summary>
    public static IReadOnlyList<string> Strings(string snapshot, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = snapshot,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }
}
