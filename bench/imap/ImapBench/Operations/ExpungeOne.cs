using System.Globalization;

namespace ImapBench.Operations;

/// <summary>
/// Deleting one message the way a client without UIDPLUS does: mark it \Deleted, then EXPUNGE. Only messages added
/// after the load are expunged (each worker its own), so the loaded mailbox stays intact; by count, not by time,
/// since each operation uses up a message. Missing messages are appended first, untimed.
/// </summary>
internal sealed class ExpungeOne(int messages, int perWorker, int warmUpPerWorker, byte[] filler) : BenchOperation
{
    public override string Name => "expunge";

    public override string Description => "UID STORE <own uid> +FLAGS.SILENT (\\Deleted), then EXPUNGE (one op = both)";

    public override int? CountPerWorker => perWorker;

    public override async Task PrepareAsync(IReadOnlyList<Worker> workers, CancellationToken cancellationToken)
    {
        var need = workers.Count * (perWorker + warmUpPerWorker);
        var extra = (await MailboxUids.ListAsync(workers[0].Session, cancellationToken)).Skip(messages).ToList();
        if (extra.Count < need)
        {
            var missing = need - extra.Count;
            await Task.WhenAll(workers.Select(async worker =>
            {
                for (var i = worker.Index; i < missing; i += workers.Count)
                {
                    (await worker.Session.CommandAsync("APPEND INBOX (\\Seen)", filler, cancellationToken: cancellationToken)).EnsureOk("APPEND");
                }
            }));
            extra = (await MailboxUids.ListAsync(workers[0].Session, cancellationToken)).Skip(messages).ToList();
        }

        for (var i = 0; i < extra.Count; i++)
        {
            workers[i % workers.Count].Pool.Enqueue(extra[i]);
        }
    }

    public override async Task<Outcome> RunOnceAsync(Worker worker, CancellationToken cancellationToken)
    {
        if (!worker.Pool.TryDequeue(out var uid))
        {
            return Outcome.Failed("no message left to expunge");
        }

        var store = await worker.Session.CommandAsync(
            string.Create(CultureInfo.InvariantCulture, $"UID STORE {uid} +FLAGS.SILENT (\\Deleted)"), cancellationToken: cancellationToken);
        if (!store.Ok)
        {
            return Outcome.From(store);
        }

        return Outcome.From(await worker.Session.CommandAsync("EXPUNGE", cancellationToken: cancellationToken));
    }
}
