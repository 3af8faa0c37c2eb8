using System.Buffers;
using Mail.Directory.Ldap;
using Mail.Server.Hosting;
using Mail.Server.Smtp;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mail.Server.Queue;

/// <summary>Sends the spooled mail: picks what is due, runs up to <see cref="DeliveryOptions.ConcurrencyPerDomain"/>
/// connections per destination domain (each connection carries job after job) and <see cref="DeliveryOptions.Concurrency"/>
/// in all, and records every outcome: delivered and permanently failed recipients are final (failures go back to the
/// sender in one report per attempt), deferred ones wait by the retry schedule until the queue lifetime ends, and a
/// sender whose mail waits longer than <see cref="DeliveryOptions.DelayNoticeHours"/> is told once.</summary>
public sealed class QueueRunner(OutboundSpool spool, MxRouter router, BounceSender notices, DeliveryOptions options, string hostname, ILogger logger, DeliveryJournal? journal = null) : IDisposable
{
    private const int DueBatch = 1000;

    // Reading an original's header section for a report: enough for any sane header, never the whole of a big message.
    private const int OriginalHeadLimit = 256 * 1024;

    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    // When a report cannot be routed (directory down), the recipient is looked at again this soon.
    private static readonly TimeSpan NoticeRetry = TimeSpan.FromMinutes(5);

    private readonly Lock _gate = new();
    private readonly Dictionary<string, DomainLanes> _domains = new(StringComparer.Ordinal);
    private readonly HashSet<(string Message, string Domain)> _inFlight = [];
    private readonly SemaphoreSlim _connections = new(options.Concurrency);
    private readonly IReadOnlyList<TimeSpan> _schedule = options.RetrySchedule;

    private TimeProvider Time => spool.Time;

    public void Dispose() => _connections.Dispose();

    /// <summary>Runs until <paramref name="cancellationToken"/> is cancelled: new mail goes out as it arrives; the
    /// database is read once a second for retries that fell due and for changes made by the CLI.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                try
                {
                    Dispatch(spool.Database.Due(Time.GetUtcNow(), DueBatch), cancellationToken);
                }
                catch (Microsoft.Data.Sqlite.SqliteException ex)
                {
                    // A locked or failing queue database: the next poll tries again; nothing is lost, it is all on disk.
                    logger.LaneFailed("*", ex.GetType().Name, ex.Message);
                }

                // The poll interval is real time (a stopwatch), whatever clock decides what is due.
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                for (var left = Poll; left > TimeSpan.Zero; left = Poll - System.Diagnostics.Stopwatch.GetElapsedTime(started))
                {
                    Dispatch(await spool.WaitForNewAsync(left, cancellationToken).ConfigureAwait(false), cancellationToken);
                }
            }
        }
        finally
        {
            // The lanes see the same cancellation; let them end before the runner goes away.
            await Task.WhenAll(RunningLanes()).ConfigureAwait(false);
        }
    }

    /// <summary>Starts everything due now and waits until the lanes working on it are done (tests use it; the running
    /// appliance uses <see cref="RunAsync"/>).</summary>
    public async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        Dispatch(spool.Database.Due(Time.GetUtcNow(), DueBatch), cancellationToken);
        while (RunningLanes() is { Length: > 0 } running)
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }
    }

    private Task[] RunningLanes()
    {
        lock (_gate)
        {
            return _domains.Values.SelectMany(d => d.Tasks).Where(t => !t.IsCompleted).ToArray();
        }
    }

    private void Dispatch(IReadOnlyList<DeliveryJob> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count == 0)
        {
            return;
        }

        lock (_gate)
        {
            var touched = new HashSet<string>(StringComparer.Ordinal);
            foreach (var job in jobs)
            {
                // A job already queued or being delivered is not queued twice; the lane reads each job's current
                // state before it sends, so a stale copy sends nothing.
                if (!_inFlight.Add((job.MessageId, job.Domain)))
                {
                    continue;
                }

                if (!_domains.TryGetValue(job.Domain, out var lanes))
                {
                    _domains[job.Domain] = lanes = new DomainLanes();
                }

                lanes.Jobs.Writer.TryWrite(job);
                touched.Add(job.Domain);
            }

            foreach (var domain in touched)
            {
                AddLanes(domain, _domains[domain], cancellationToken);
            }
        }
    }

    // Under _gate. A lane that is not delivering will take the next job, so new lanes are added only for jobs that no
    // such lane will take.
    private void AddLanes(string domain, DomainLanes lanes, CancellationToken cancellationToken)
    {
        lanes.Tasks.RemoveAll(t => t.IsCompleted);
        while (lanes.Running < options.ConcurrencyPerDomain && lanes.Running - lanes.Active < lanes.Jobs.Reader.Count)
        {
            lanes.Running++;
            lanes.Tasks.Add(Task.Run(() => LaneAsync(domain, lanes, cancellationToken), CancellationToken.None));
        }
    }

    private async Task LaneAsync(string domain, DomainLanes lanes, CancellationToken cancellationToken)
    {
        var acquired = false;
        var faulted = false;
        try
        {
            await _connections.WaitAsync(cancellationToken).ConfigureAwait(false);
            acquired = true;
            var connection = new DeliveryConnection(router, options, hostname);
            await using (connection.ConfigureAwait(false))
            {
                while (await TakeNextAsync(lanes, cancellationToken).ConfigureAwait(false) is { } taken)
                {
                    try
                    {
                        if (spool.Database.Current(taken, Time.GetUtcNow()) is not { } job)
                        {
                            continue;
                        }

                        if (connection.Unreachable is { } reason)
                        {
                            var kind = RemoteReply.IsPermanent(reason) ? OutcomeKind.Failed : OutcomeKind.Deferred;
                            await RecordAsync(job, job.Recipients.Select(r => new RecipientOutcome(r, kind, reason, null)).ToList(), cancellationToken).ConfigureAwait(false);
                        }
                        else
                        {
                            await DeliverOrDeferAsync(connection, job, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    finally
                    {
                        lock (_gate)
                        {
                            _inFlight.Remove((taken.MessageId, taken.Domain));
                            lanes.Active--;
                        }
                    }
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: what was not recorded stays due and goes after the restart.
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Whatever went wrong, the lane's jobs must be released: left "in flight", they would never be tried again.
            faulted = true;
            logger.LaneFailed(domain, ex.GetType().Name, ex.Message);
        }
        finally
        {
            if (acquired)
            {
                _connections.Release();
            }

            lock (_gate)
            {
                lanes.Running--;
                if (lanes.Running == 0)
                {
                    // A job can arrive between this lane's last look and its end; it must not wait for the next poll.
                    if (lanes.Jobs.Reader.Count > 0 && !cancellationToken.IsCancellationRequested && !faulted)
                    {
                        AddLanes(domain, lanes, cancellationToken);
                    }
                    else
                    {
                        while (lanes.Jobs.Reader.TryRead(out var left))
                        {
                            _inFlight.Remove((left.MessageId, left.Domain));
                        }

                        _domains.Remove(domain);
                    }
                }
            }
        }
    }

    /// <summary>The next job for this lane; when there is none, the connection stays open for
    /// <see cref="DeliveryOptions.ConnectionCacheSeconds"/> in case more mail for the domain arrives (as Postfix's
    /// connection cache does), then the lane ends.</summary>
    private async Task<DeliveryJob?> TakeNextAsync(DomainLanes lanes, CancellationToken cancellationToken)
    {
        while (true)
        {
            lock (_gate)
            {
                if (lanes.Jobs.Reader.TryRead(out var job))
                {
                    lanes.Active++;
                    return job;
                }
            }

            if (options.ConnectionCacheSeconds <= 0)
            {
                return null;
            }

            using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            idle.CancelAfter(TimeSpan.FromSeconds(options.ConnectionCacheSeconds));
            try
            {
                await lanes.Jobs.Reader.WaitToReadAsync(idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                lock (_gate)
                {
                    if (lanes.Jobs.Reader.Count == 0)
                    {
                        return null;
                    }
                }
            }
        }
    }

    /// <summary>Delivers a job; anything unforeseen on the way (a message MimeKit cannot load, a client library
    /// refusing it) defers the job by the retry schedule instead of ending the lane, so it is tried again later and in
    /// the end returned to the sender, never retried in a tight loop or left waiting for ever.</summary>
    private async Task DeliverOrDeferAsync(DeliveryConnection connection, DeliveryJob job, CancellationToken cancellationToken)
    {
        try
        {
            await DeliverAsync(connection, job, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException && ex is not Microsoft.Data.Sqlite.SqliteException)
        {
            logger.LaneFailed(job.Domain, ex.GetType().Name, ex.Message);
            var reply = new SmtpReply(451, "4.3.0", $"local error while sending: {ex.GetType().Name}: {ex.Message}");
            await RecordAsync(job, job.Recipients.Select(r => new RecipientOutcome(r, OutcomeKind.Deferred, reply, null)).ToList(), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task DeliverAsync(DeliveryConnection connection, DeliveryJob job, CancellationToken cancellationToken)
    {
        var stream = spool.OpenMessage(job.MessageId);
        if (stream is null)
        {
            return;
        }

        MimeMessage message;
        await using (stream.ConfigureAwait(false))
        {
            message = await MimeMessage.LoadAsync(stream, cancellationToken).ConfigureAwait(false);
        }

        using (message)
        {
            var outcomes = await connection.DeliverAsync(job, message, cancellationToken).ConfigureAwait(false);
            await RecordAsync(job, outcomes, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stores an attempt's outcomes, sends the reports they call for, and removes the message once no
    /// recipient waits. Reports go before the failures are recorded: a crash between the two sends a report twice,
    /// never not at all.</summary>
    private async Task RecordAsync(DeliveryJob job, IReadOnlyList<RecipientOutcome> outcomes, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var expiry = job.Queued + TimeSpan.FromHours(options.MaxQueueHours);
        var final = outcomes.Select(o => o.Kind == OutcomeKind.Deferred && now >= expiry
            ? o with { Kind = OutcomeKind.Failed, Reply = o.Reply with { Text = $"{o.Reply.Text} (gave up after {options.MaxQueueHours:0.#} hours)" } }
            : o).ToList();

        var failed = final.Where(o => o.Kind == OutcomeKind.Failed).ToList();
        if (failed.Count > 0 && !await NotifyAsync(job, failed, NoticeKind.Failed, cancellationToken).ConfigureAwait(false))
        {
            final = final.Select(o => o.Kind == OutcomeKind.Failed ? o with { Kind = OutcomeKind.Deferred } : o).ToList();
        }

        var wait = _schedule[Math.Min(job.Attempts, _schedule.Count - 1)];
        var retryAt = now + wait < expiry ? now + wait : expiry;
        if (failed.Count > 0 && final.Any(o => o.Kind == OutcomeKind.Deferred && failed.Any(f => f.Address == o.Address)))
        {
            retryAt = now + NoticeRetry;
        }

        spool.Database.Record(job.MessageId, final, retryAt);
        foreach (var outcome in final)
        {
            var detail = outcome.RemoteHost is { } host ? $"{outcome.Reply} (from {host})" : outcome.Reply.ToString();
            logger.Outcome(job.MessageId, outcome.Address, outcome.Kind, detail);
            journal?.Add(new JournalEntry(now, job.MessageId, job.Sender, outcome.Address, outcome.Kind switch
            {
                OutcomeKind.Delivered => JournalEventKind.Delivered,
                OutcomeKind.Failed => JournalEventKind.Failed,
                _ => JournalEventKind.Deferred,
            }, detail));
        }

        var deferred = final.Where(o => o.Kind == OutcomeKind.Deferred).ToList();
        if (deferred.Count > 0 && options.DelayNoticeHours > 0 && now - job.Queued >= TimeSpan.FromHours(options.DelayNoticeHours)
            && job.Sender.Length > 0 && spool.Database.MarkDelayNotified(job.MessageId))
        {
            await NotifyAsync(job, deferred, NoticeKind.Delayed, cancellationToken).ConfigureAwait(false);
        }

        spool.DeleteIfDone(job.MessageId);
    }

    /// <summary>Sends a report to the sender (none for the null sender: a report is never reported on); false when it
    /// could not be routed now.</summary>
    private async Task<bool> NotifyAsync(DeliveryJob job, IReadOnlyList<RecipientOutcome> outcomes, NoticeKind kind, CancellationToken cancellationToken)
    {
        if (job.Sender.Length == 0)
        {
            return true;
        }

        var head = await ReadHeadAsync(job.MessageId, cancellationToken).ConfigureAwait(false);
        var recipients = outcomes.Select(o => new FailedRecipient(o.Address, o.Reply, null, HostName(o.RemoteHost))).ToList();
        try
        {
            await notices.SendAsync(job.Sender, recipients, new ReadOnlySequence<byte>(head), job.Queued, cancellationToken, kind).ConfigureAwait(false);
            logger.NoticeSent(job.MessageId, kind, job.Sender, recipients.Count);
            return true;
        }
        catch (DirectoryUnavailableException ex)
        {
            logger.NoticeUnroutable(job.MessageId, job.Sender, ex.Message);
            return false;
        }
    }

    private async Task<byte[]> ReadHeadAsync(string id, CancellationToken cancellationToken)
    {
        var stream = spool.OpenMessage(id);
        if (stream is null)
        {
            return [];
        }

        await using (stream.ConfigureAwait(false))
        {
            // Sized by the file, so a small message's report does not allocate (and copy out of) 256 KB.
            var buffer = new byte[stream.CanSeek ? (int)Math.Min(stream.Length - stream.Position, OriginalHeadLimit) : OriginalHeadLimit];
            var read = 0;
            int n;
            while (read < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(read), cancellationToken).ConfigureAwait(false)) > 0)
            {
                read += n;
            }

            return read == buffer.Length ? buffer : buffer[..read];
        }
    }

    // "mx.example[192.0.2.1]:25" → "mx.example", the form Remote-MTA wants.
    private static string? HostName(string? where) => where is null ? null : where.Split('[')[0];
}
