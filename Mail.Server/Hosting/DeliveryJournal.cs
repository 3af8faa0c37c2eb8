namespace Mail.Server.Hosting;

/// <summary>The last few hundred things that happened to mail (accepted, delivered, deferred, failed, refused), newest
/// first, for the web admin's dashboard. Kept in memory only: the log has the full history, and a restart starting an
/// empty list loses nothing an operator needs.</summary>
public sealed class DeliveryJournal(int capacity = 200)
{
    private readonly JournalEntry[] _entries = new JournalEntry[capacity];
    private readonly Lock _lock = new();
    private long _written;

    /// <summary>Records one event, forgetting the oldest when full.</summary>
    public void Add(JournalEntry entry)
    {
        lock (_lock)
        {
            _entries[_written % _entries.Length] = entry;
            _written++;
        }
    }

    /// <summary>Up to <paramref name="count"/> events, newest first.</summary>
    public IReadOnlyList<JournalEntry> Recent(int count)
    {
        lock (_lock)
        {
            var take = (int)Math.Min(Math.Min(count, _entries.Length), _written);
            var list = new List<JournalEntry>(take);
            for (var i = 1; i <= take; i++)
            {
                list.Add(_entries[(_written - i) % _entries.Length]);
            }

            return list;
        }
    }
}
