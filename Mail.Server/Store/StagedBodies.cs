using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>Durable copies, in the index, of small bodies whose files are published but not yet synced: a delivery's
/// body then costs no fsync of its own before the 250 (it rides the index's group commit), and the files are synced
/// later, many at a time, once the kernel has written most of them back. A copy goes once its file is synced; recovery
/// after a crash writes every file again from the copies it finds.</summary>
public sealed class StagedBodies
{
    private readonly IndexDatabase _database;

    internal StagedBodies(IndexDatabase database) => _database = database;

    /// <summary>The newest copy's id (0 when there is none): what a later <see cref="Release"/> up to it covers.</summary>
    public long Last()
    {
        using var connection = _database.Open();
        return IndexDatabase.Scalar(connection, "SELECT COALESCE(MAX(id), 0) FROM staged_bodies");
    }

    /// <summary>How many copies there are.</summary>
    public long Count()
    {
        using var connection = _database.Open();
        return IndexDatabase.Scalar(connection, "SELECT COUNT(*) FROM staged_bodies");
    }

    /// <summary>The octets the copies hold.</summary>
    public long Bytes()
    {
        using var connection = _database.Open();
        return IndexDatabase.Scalar(connection, "SELECT COALESCE(SUM(length(data)), 0) FROM staged_bodies");
    }

    /// <summary>The copies with ids from <paramref name="after"/> (exclusive) up to <paramref name="last"/>, at most
    /// <paramref name="limit"/> of them, in id order.</summary>
    public IReadOnlyList<(long Id, string Hash)> Between(long after, long last, int limit)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection, "SELECT id, hash FROM staged_bodies WHERE id > $a AND id <= $l ORDER BY id LIMIT $n",
            ("$a", after), ("$l", last), ("$n", limit));
        using var reader = command.ExecuteReader();
        var copies = new List<(long, string)>();
        while (reader.Read())
        {
            copies.Add((reader.GetInt64(0), reader.GetString(1)));
        }

        return copies;
    }

    /// <summary>Hands <paramref name="rewrite"/> each copy whose body the index still references (an expunged body's
    /// copy is left out), one at a time.</summary>
    public void ForEachReferenced(Action<string, byte[]> rewrite)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection,
            "SELECT s.hash, s.data FROM staged_bodies s WHERE s.id IN (SELECT MAX(id) FROM staged_bodies GROUP BY hash) AND EXISTS (SELECT 1 FROM bodies b WHERE b.hash = s.hash)");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            rewrite(reader.GetString(0), (byte[])reader.GetValue(1));
        }
    }

    /// <summary>The newest copy of a body the index still references, or null.</summary>
    public byte[]? ReferencedCopy(string hash)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection,
            "SELECT s.data FROM staged_bodies s WHERE s.hash = $h AND EXISTS (SELECT 1 FROM bodies b WHERE b.hash = s.hash) ORDER BY s.id DESC LIMIT 1", ("$h", hash));
        return command.ExecuteScalar() as byte[];
    }

    /// <summary>Drops the copies up to <paramref name="last"/>, whose files the caller has synced. Not synced itself:
    /// a copy that comes back after a power loss only makes recovery write that file once more.</summary>
    public void Release(long last)
    {
        using var connection = _database.Open();
        using (IndexDatabase.CommitWithoutSync(connection))
        {
            IndexDatabase.Execute(connection, "DELETE FROM staged_bodies WHERE id <= $l", ("$l", last));
        }
    }

    /// <summary>Keeps a copy of a new body in the delivery's transaction.</summary>
    internal static void Add(SqliteConnection connection, string hash, byte[] data) =>
        IndexDatabase.Execute(connection, "INSERT INTO staged_bodies (hash, data) VALUES ($h, $d)", ("$h", hash), ("$d", data));
}
