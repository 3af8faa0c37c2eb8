using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Mail.WebAdmin.Audit;

/// <summary>The audit log: every change made through the web admin or the command line, in SQLite (WAL) in the web
/// state folder (DATA/web/audit.db), written by the running appliance and by CLI commands alike. Rows are only ever
/// added.</summary>
public sealed class AuditLog
{
    private readonly string _connectionString;

    /// <summary>Opens the log in <paramref name="stateFolder"/>, making the folder (owner-only) and the table when
    /// they are missing.</summary>
    public AuditLog(string stateFolder)
    {
        System.IO.Directory.CreateDirectory(stateFolder, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(stateFolder, "audit.db"),
            Pooling = true,
        }.ToString();
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = """
            PRAGMA journal_mode = WAL;
            CREATE TABLE IF NOT EXISTS audit (
                id INTEGER PRIMARY KEY,
                at INTEGER NOT NULL,
                actor TEXT NOT NULL,
                remote TEXT NOT NULL,
                action TEXT NOT NULL,
                target TEXT NOT NULL,
                domain TEXT NOT NULL,
                detail TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS audit_domain ON audit (domain, id);
            """;
        command.ExecuteNonQuery();
    }

    /// <summary>Adds an entry.</summary>
    public async Task RecordAsync(AuditEntry entry, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO audit (at, actor, remote, action, target, domain, detail) VALUES ($at, $actor, $remote, $action, $target, $domain, $detail)";
        command.Parameters.AddWithValue("$at", entry.At.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$actor", entry.Actor);
        command.Parameters.AddWithValue("$remote", entry.Remote);
        command.Parameters.AddWithValue("$action", entry.Action);
        command.Parameters.AddWithValue("$target", entry.Target);
        command.Parameters.AddWithValue("$domain", entry.Domain);
        command.Parameters.AddWithValue("$detail", entry.Detail);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads page <paramref name="page"/> (from 0) of <paramref name="size"/> entries, newest first, of every
    /// domain (<paramref name="domains"/> null) or only of <paramref name="domains"/>.</summary>
    public async Task<AuditPage> ReadAsync(IReadOnlyCollection<string>? domains, int page, int size, CancellationToken cancellationToken)
    {
        await using var connection = Open();
        var where = "";
        var names = new List<string>();
        if (domains is not null)
        {
            names.AddRange(domains.Select((_, i) => "$d" + i.ToString(CultureInfo.InvariantCulture)));
            where = names.Count == 0 ? "WHERE 0" : $"WHERE domain IN ({string.Join(", ", names)})";
        }

        await using var count = connection.CreateCommand();
        count.CommandText = $"SELECT count(*) FROM audit {where}";
        Bind(count, domains);
        var total = Convert.ToInt32(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);

        await using var select = connection.CreateCommand();
        select.CommandText = $"SELECT at, actor, remote, action, target, domain, detail FROM audit {where} ORDER BY id DESC LIMIT $size OFFSET $offset";
        Bind(select, domains);
        select.Parameters.AddWithValue("$size", size);
        select.Parameters.AddWithValue("$offset", (long)page * size);
        var entries = new List<AuditEntry>();
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new AuditEntry(DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(0)), reader.GetString(1), reader.GetString(2),
                reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6)));
        }

        return new AuditPage(entries, total);
    }

    private static void Bind(SqliteCommand command, IReadOnlyCollection<string>? domains)
    {
        var i = 0;
        foreach (var domain in domains ?? [])
        {
            command.Parameters.AddWithValue("$d" + i++.ToString(CultureInfo.InvariantCulture), domain);
        }
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        return connection;
    }
}
