using Mail.Server.Store;
using Microsoft.Data.Sqlite;

namespace Mail.Server.Queue;

/// <summary>The outbound queue's state in SQLite (DATA/spool/queue.db, WAL): a row per message and per recipient with
/// its state, attempts, next attempt and last reply. The spooled file (fsynced before SMTP's 250) holds the message
/// and its envelope; this database only says where each recipient stands, so its commits are not fsynced: a power
/// loss that takes back the last ones requeues a file from its envelope (a message arrives twice, never not at all)
/// or repeats an attempt. The CLI opens the same file while the appliance runs; SQLite's locking keeps them apart.</summary>
public sealed class QueueDatabase
{
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS messages (
            id TEXT PRIMARY KEY,
            sender TEXT NOT NULL,
            queued INTEGER NOT NULL,
            size INTEGER NOT NULL,
            delay_notified INTEGER NOT NULL DEFAULT 0);
        CREATE TABLE IF NOT EXISTS recipients (
            message TEXT NOT NULL REFERENCES messages(id) ON DELETE CASCADE,
            address TEXT NOT NULL,
            domain TEXT NOT NULL,
            state INTEGER NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt INTEGER NOT NULL,
            last_reply TEXT,
            PRIMARY KEY (message, address));
        CREATE INDEX IF NOT EXISTS recipients_due ON recipients (state, next_attempt);
        """;

    private readonly IndexDatabase _database;

    /// <summary>Opens (or creates) the queue database at <paramref name="path"/>.</summary>
    public QueueDatabase(string path)
    {
        _database = new IndexDatabase(path, syncCommits: false);
        using var connection = _database.Open();
        IndexDatabase.Execute(connection, Schema);
    }

    /// <summary>Records a spooled message for its recipients, all due at once.</summary>
    public void Add(string id, string sender, IReadOnlyList<string> recipients, DateTimeOffset queued, long size)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        IndexDatabase.Execute(connection, "INSERT OR IGNORE INTO messages (id, sender, queued, size) VALUES ($id, $s, $q, $z)",
            ("$id", id), ("$s", sender), ("$q", queued.ToUnixTimeMilliseconds()), ("$z", size));
        foreach (var recipient in recipients.Distinct(StringComparer.Ordinal))
        {
            IndexDatabase.Execute(connection, "INSERT OR IGNORE INTO recipients (message, address, domain, next_attempt) VALUES ($id, $a, $d, $n)",
                ("$id", id), ("$a", recipient), ("$d", DomainOf(recipient)), ("$n", queued.ToUnixTimeMilliseconds()));
        }

        transaction.Commit();
    }

    /// <summary>True when the database knows the message.</summary>
    public bool Contains(string id)
    {
        using var connection = _database.Open();
        return IndexDatabase.Scalar(connection, "SELECT COUNT(*) FROM messages WHERE id = $id", ("$id", id)) > 0;
    }

    /// <summary>Every message id the database knows.</summary>
    public IReadOnlyList<string> Ids() => MessageIds("SELECT id FROM messages");

    /// <summary>Messages none of whose recipients waits any more (a crash came between the last record and the
    /// removal).</summary>
    public IReadOnlyList<string> Finished() =>
        MessageIds("SELECT id FROM messages m WHERE NOT EXISTS (SELECT 1 FROM recipients r WHERE r.message = m.id AND r.state = 0)");

    /// <summary>The pending recipients due at <paramref name="now"/>, one job per message and domain, oldest first.</summary>
    public IReadOnlyList<DeliveryJob> Due(DateTimeOffset now, int limit)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection, """
            SELECT r.message, m.sender, m.queued, r.domain, r.address, r.attempts FROM recipients r JOIN messages m ON m.id = r.message
            WHERE r.state = 0 AND r.next_attempt <= $now ORDER BY m.queued, r.message, r.domain, r.address LIMIT $limit
            """, ("$now", now.ToUnixTimeMilliseconds()), ("$limit", limit));
        using var reader = command.ExecuteReader();
        var rows = new List<(string Message, string Sender, long Queued, string Domain, string Address, int Attempts)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3), reader.GetString(4), reader.GetInt32(5)));
        }

        // Rows come sorted by message and domain, so each job is a run of consecutive rows.
        return rows.GroupBy(r => (r.Message, r.Domain))
            .Select(g => new DeliveryJob(g.Key.Message, g.First().Sender, DateTimeOffset.FromUnixTimeMilliseconds(g.First().Queued), g.Key.Domain,
                g.Select(r => r.Address).ToList(), g.Max(r => r.Attempts)))
            .ToList();
    }

    /// <summary>The job as it stands now: those of its recipients still pending and due (another attempt may have
    /// finished, or an operator deleted the message, since the job was picked); null when none is left.</summary>
    public DeliveryJob? Current(DeliveryJob job, DateTimeOffset now)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection, """
            SELECT address, attempts FROM recipients WHERE message = $id AND domain = $d AND state = 0 AND next_attempt <= $now ORDER BY address
            """, ("$id", job.MessageId), ("$d", job.Domain), ("$now", now.ToUnixTimeMilliseconds()));
        using var reader = command.ExecuteReader();
        var recipients = new List<string>();
        var attempts = 0;
        while (reader.Read())
        {
            recipients.Add(reader.GetString(0));
            attempts = Math.Max(attempts, reader.GetInt32(1));
        }

        return recipients.Count == 0 ? null : job with { Recipients = recipients, Attempts = attempts };
    }

    /// <summary>Stores the outcomes of one attempt in one synchronous commit: delivered and failed recipients become
    /// final, deferred ones wait until <paramref name="retryAt"/>.</summary>
    public void Record(string id, IEnumerable<RecipientOutcome> outcomes, DateTimeOffset retryAt)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction();
        foreach (var outcome in outcomes)
        {
            var state = outcome.Kind switch
            {
                OutcomeKind.Delivered => RecipientState.Delivered,
                OutcomeKind.Failed => RecipientState.Failed,
                _ => RecipientState.Pending,
            };
            IndexDatabase.Execute(connection, """
                UPDATE recipients SET state = $s, attempts = attempts + 1, next_attempt = $n, last_reply = $r
                WHERE message = $id AND address = $a AND state = 0
                """, ("$s", (int)state), ("$n", retryAt.ToUnixTimeMilliseconds()), ("$r", Describe(outcome)), ("$id", id), ("$a", outcome.Address));
        }

        transaction.Commit();
    }

    /// <summary>Marks that the sender has been told the message is delayed; false when that was done before.</summary>
    public bool MarkDelayNotified(string id)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection, "UPDATE messages SET delay_notified = 1 WHERE id = $id AND delay_notified = 0", ("$id", id));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Forgets a message whose recipients are all final; returns true when it was removed.</summary>
    public bool RemoveIfDone(string id)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection,
            "DELETE FROM messages WHERE id = $id AND NOT EXISTS (SELECT 1 FROM recipients WHERE message = $id AND state = 0)", ("$id", id));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Forgets a message whatever its state (queue delete); returns false when there was none.</summary>
    public bool Remove(string id)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection, "DELETE FROM messages WHERE id = $id", ("$id", id));
        return command.ExecuteNonQuery() == 1;
    }

    /// <summary>Makes the pending recipients of one message (or of all, when <paramref name="id"/> is null) due now;
    /// returns how many recipients were moved.</summary>
    public int MakeDue(string? id, DateTimeOffset now)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection,
            "UPDATE recipients SET next_attempt = $n WHERE state = 0 AND next_attempt > $n AND ($id = '' OR message = $id)",
            ("$n", now.ToUnixTimeMilliseconds()), ("$id", id ?? string.Empty));
        return command.ExecuteNonQuery();
    }

    /// <summary>One message with all its recipients, or null.</summary>
    public QueuedMessage? Find(string id) => Messages(id).FirstOrDefault();

    /// <summary>Every queued message, oldest first, with its recipients.</summary>
    public IReadOnlyList<QueuedMessage> List() => Messages(null);

    /// <summary>The counts the web admin and the CLI show.</summary>
    public QueueStatistics Statistics()
    {
        using var connection = _database.Open();
        var messages = (int)IndexDatabase.Scalar(connection, "SELECT COUNT(*) FROM messages");
        var oldest = IndexDatabase.Scalar(connection, "SELECT COALESCE(MIN(queued), -1) FROM messages");
        using var command = IndexDatabase.Command(connection, "SELECT domain, COUNT(*) FROM recipients WHERE state = 0 GROUP BY domain ORDER BY 2 DESC, 1");
        using var reader = command.ExecuteReader();
        var byDomain = new Dictionary<string, int>(StringComparer.Ordinal);
        while (reader.Read())
        {
            byDomain[reader.GetString(0)] = reader.GetInt32(1);
        }

        return new QueueStatistics(messages, byDomain.Values.Sum(), oldest < 0 ? null : DateTimeOffset.FromUnixTimeMilliseconds(oldest), byDomain);
    }

    /// <summary>The domain part of an address, lower-cased: the unit of routing and concurrency.</summary>
    public static string DomainOf(string address) => address[(address.LastIndexOf('@') + 1)..].TrimEnd('.').ToLowerInvariant();

    private List<string> MessageIds(string sql)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection, sql);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static string Describe(RecipientOutcome outcome) =>
        outcome.RemoteHost is { } host ? $"{outcome.Reply} (from {host})" : outcome.Reply.ToString();

    private List<QueuedMessage> Messages(string? id)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection, """
            SELECT m.id, m.sender, m.queued, m.size, r.address, r.domain, r.state, r.attempts, r.next_attempt, r.last_reply
            FROM messages m JOIN recipients r ON r.message = m.id WHERE ($id = '' OR m.id = $id) ORDER BY m.queued, m.id, r.address
            """, ("$id", id ?? string.Empty));
        using var reader = command.ExecuteReader();
        var messages = new List<QueuedMessage>();
        List<QueuedRecipient>? recipients = null;
        while (reader.Read())
        {
            var messageId = reader.GetString(0);
            if (messages.Count == 0 || messages[^1].Id != messageId)
            {
                recipients = [];
                messages.Add(new QueuedMessage(messageId, reader.GetString(1), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2)), reader.GetInt64(3), recipients));
            }

            recipients!.Add(new QueuedRecipient(reader.GetString(4), reader.GetString(5), (RecipientState)reader.GetInt32(6), reader.GetInt32(7),
                DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(8)), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return messages;
    }
}
