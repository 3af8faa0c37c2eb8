using Microsoft.Data.Sqlite;

namespace Mail.Server.Store;

/// <summary>A command that an <see cref="IndexConnection"/> keeps compiled: disposing it marks it free for the next
/// use of the same SQL on that connection; only <see cref="Release"/> frees its statements.</summary>
internal sealed class ReusableCommand(string sql, SqliteConnection connection) : SqliteCommand(sql, connection)
{
    private bool _released;

    /// <summary>True from the moment a caller rents it until the caller disposes it.</summary>
    public bool InUse { get; set; }

    /// <summary>Frees the compiled statements (the connection is closing).</summary>
    public void Release()
    {
        _released = true;
        Dispose();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_released)
        {
            InUse = false;
            return;
        }

        base.Dispose(disposing);
    }
}
