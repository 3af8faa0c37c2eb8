namespace ImapBench;

/// <summary>One kind of client operation the workload measures. The same instance drives both servers.</summary>
internal abstract class BenchOperation
{
    /// <summary>Short name for the table (e.g. <c>fetch-all</c>).</summary>
    public abstract string Name { get; }

    /// <summary>What one operation sends, for the table's legend.</summary>
    public abstract string Description { get; }

    /// <summary>Whether each worker keeps a session (logged in, INBOX selected) for the whole measurement.</summary>
    public virtual bool NeedsSession => true;

    /// <summary>Operations per worker when the measurement is by count rather than by time (null: by time).</summary>
    public virtual int? CountPerWorker => null;

    /// <summary>Untimed set-up before the warm-up (e.g. the UID list, the messages to expunge).</summary>
    public virtual Task PrepareAsync(IReadOnlyList<Worker> workers, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>One operation; a NO/BAD or a wrong answer is a failed outcome, a broken connection an exception.</summary>
    public abstract Task<Outcome> RunOnceAsync(Worker worker, CancellationToken cancellationToken);

    /// <summary>The note for the table, from the measured operations and their items.</summary>
    public virtual string Note(long operations, long items, TimeSpan elapsed) => "";
}
