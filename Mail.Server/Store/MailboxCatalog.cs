using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>An account's mailboxes by name: find, create, delete, rename, subscribe. Names are Unicode (NFC) with
/// "/" as the hierarchy separator; "INBOX" is always spelled so, in any case the client used.</summary>
public sealed class MailboxCatalog
{
    /// <summary>The hierarchy separator.</summary>
    public const char Separator = '/';

    private readonly IndexDatabase _database;

    internal MailboxCatalog(IndexDatabase database) => _database = database;

    /// <summary>The account's mailbox called <paramref name="name"/>, or null.</summary>
    public MailboxInfo? Find(string account, string name)
    {
        using var connection = _database.Open();
        return Find(connection, account, name);
    }

    /// <summary>Creates a mailbox (and the account's standard ones if it has none); false when it exists.</summary>
    public bool Create(string account, string name, string? specialUse = null)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        MailIndex.EnsureAccount(connection, account);
        using var insert = IndexDatabase.Command(connection, """
            INSERT INTO mailboxes (account, name, special_use, uidvalidity) VALUES ($a, $n, $s, $v) ON CONFLICT(account, name) DO NOTHING RETURNING id
            """, ("$a", account), ("$n", name), ("$s", (object?)specialUse ?? DBNull.Value), ("$v", NewUidValidity(connection, account)));
        var created = insert.ExecuteScalar() is long;
        transaction.Commit();
        return created;
    }

    /// <summary>Deletes a mailbox and its messages; returns the bodies whose last reference went (the caller
    /// deletes their files), or null when there is no such mailbox.</summary>
    public IReadOnlyList<string>? Delete(string account, string name)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Find(connection, account, name) is not { } mailbox)
        {
            return null;
        }

        var released = new List<string>();
        var modseq = IndexWrites.NextModSeq(connection, mailbox.Id);
        foreach (var uid in Uids(connection, mailbox.Id))
        {
            if (IndexWrites.Delete(connection, mailbox.Id, uid, modseq).Released is { } hash)
            {
                released.Add(hash);
            }
        }

        IndexDatabase.Execute(connection, "DELETE FROM expunged WHERE mailbox_id = $m", ("$m", mailbox.Id));
        IndexDatabase.Execute(connection, "DELETE FROM mailboxes WHERE id = $m", ("$m", mailbox.Id));
        transaction.Commit();
        return released;
    }

    /// <summary>Renames a mailbox and everything below it. Renaming INBOX moves its messages into a new mailbox of
    /// the new name and leaves INBOX empty (RFC 9051 6.3.6). Returns false when the source is missing or the
    /// target exists.</summary>
    public bool Rename(string account, string from, string to)
    {
        using var connection = _database.Open();
        using var transaction = connection.BeginTransaction(deferred: false);
        if (Find(connection, account, from) is not { } source || Find(connection, account, to) is not null)
        {
            return false;
        }

        if (source.Name == StandardMailboxes.Inbox)
        {
            using var insert = IndexDatabase.Command(connection, "INSERT INTO mailboxes (account, name, uidvalidity) VALUES ($a, $n, $v) RETURNING id",
                ("$a", account), ("$n", to), ("$v", NewUidValidity(connection, account)));
            var target = (long)insert.ExecuteScalar()!;
            var modseq = IndexWrites.NextModSeq(connection, source.Id);
            foreach (var row in MailboxContents.Rows(connection, source.Id, 0))
            {
                IndexWrites.Insert(connection, target, row.Hash, row.Size, row.Flags, row.InternalDateTime);
                IndexWrites.Delete(connection, source.Id, row.Uid, modseq);
            }
        }
        else
        {
            IndexDatabase.Execute(connection, """
                UPDATE mailboxes SET name = $to || substr(name, length($from) + 1)
                WHERE account = $a AND (name = $from OR substr(name, 1, length($from) + 1) = $from || '/')
                """, ("$a", account), ("$from", source.Name), ("$to", to));
        }

        transaction.Commit();
        return true;
    }

    /// <summary>Marks a mailbox subscribed or not; false when there is no such mailbox.</summary>
    public bool SetSubscribed(string account, string name, bool subscribed)
    {
        using var connection = _database.Open();
        using var command = IndexDatabase.Command(connection, "UPDATE mailboxes SET subscribed = $s WHERE account = $a AND name = $n",
            ("$s", subscribed ? 1 : 0), ("$a", account), ("$n", Canonical(name)));
        return command.ExecuteNonQuery() > 0;
    }

    /// <summary>"INBOX" in any case is INBOX; other names are kept as given.</summary>
    public static string Canonical(string name) =>
        string.Equals(name, StandardMailboxes.Inbox, StringComparison.OrdinalIgnoreCase) ? StandardMailboxes.Inbox : name;

    internal static MailboxInfo? Find(SqliteConnection connection, string account, string name)
    {
        using var command = IndexDatabase.Command(connection, $"{MailIndex.MailboxColumns} FROM mailboxes WHERE account = $a AND name = $n", ("$a", account), ("$n", Canonical(name)));
        using var reader = command.ExecuteReader();
        return reader.Read() ? MailIndex.ReadMailbox(reader) : null;
    }

    private static List<long> Uids(SqliteConnection connection, long mailboxId)
    {
        using var command = IndexDatabase.Command(connection, "SELECT uid FROM messages WHERE mailbox_id = $m ORDER BY uid", ("$m", mailboxId));
        using var reader = command.ExecuteReader();
        var uids = new List<long>();
        while (reader.Read())
        {
            uids.Add(reader.GetInt64(0));
        }

        return uids;
    }

    // UIDVALIDITY must differ from any earlier mailbox of the same name: the clock, but never below what the
    // account already used, so a delete and re-create within one second still gets a new value.
    private static long NewUidValidity(SqliteConnection connection, string account) =>
        Math.Max(DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            IndexDatabase.Scalar(connection, "SELECT COALESCE(MAX(uidvalidity), 0) + 1 FROM mailboxes WHERE account = $a", ("$a", account)));
}
