using System.Data;
using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>A connection of <see cref="IndexDatabase"/>'s own pool: it stays open between uses and keeps each SQL
/// text's compiled statements, because Microsoft.Data.Sqlite compiles every new command afresh and that compile was the
/// largest cost of a small IMAP command. Disposing it hands it back to the pool.</summary>
internal sealed class IndexConnection(string connectionString, Func<IndexConnection, bool> release) : SqliteConnection(connectionString)
{
    // Enough for every statement the store and queue use; dynamic SQL past it is compiled per use as before.
    private const int MaxCachedCommands = 128;
    private readonly Dictionary<string, ReusableCommand> _commands = new(StringComparer.Ordinal);
    private SqliteTransaction? _transaction;
    private bool _closing;

    /// <summary>The transaction in progress, if any (Microsoft.Data.Sqlite wants it on every command).</summary>
    public SqliteTransaction? Current => _transaction?.Connection is null ? null : _transaction;

    public override SqliteTransaction BeginTransaction(IsolationLevel isolationLevel, bool deferred) =>
        _transaction = base.BeginTransaction(isolationLevel, deferred);

    /// <summary>A command for <paramref name="sql"/>, compiled once per connection; a command still in use (a reader
    /// open on it) is never handed out twice: the second user gets a fresh one.</summary>
    public SqliteCommand Rent(string sql)
    {
        if (_commands.TryGetValue(sql, out var cached))
        {
            if (!cached.InUse)
            {
                cached.InUse = true;
                cached.Parameters.Clear();
                cached.Transaction = Current;
                return cached;
            }
        }
        else if (_commands.Count < MaxCachedCommands)
        {
            var command = new ReusableCommand(sql, this) { InUse = true, Transaction = Current };
            _commands.Add(sql, command);
            return command;
        }

        var plain = CreateCommand();
        plain.CommandText = sql;
        return plain;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_closing && Current is null && State == ConnectionState.Open && release(this))
        {
            return;
        }

        _closing = true;
        foreach (var command in _commands.Values)
        {
            command.Release();
        }

        _commands.Clear();
        base.Dispose(disposing);
    }
}
