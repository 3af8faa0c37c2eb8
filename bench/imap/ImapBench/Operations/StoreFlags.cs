using System.Globalization;

namespace ImapBench.Operations;

/// <summary>Flagging and unflagging random messages (alternately +FLAGS and -FLAGS \Flagged, with the FETCH echo).</summary>
internal sealed class StoreFlags(int messages) : BenchOperation
{
    private List<long> uids = [];

    public override string Name => "store";

    public override string Description => "UID STORE <random uid> +FLAGS (\\Flagged), then -FLAGS on the next call";

    public override async Task PrepareAsync(IReadOnlyList<Worker> workers, CancellationToken cancellationToken) =>
        uids = await MailboxUids.LoadedAsync(workers[0].Session, messages, cancellationToken);

    public override async Task<Outcome> RunOnceAsync(Worker worker, CancellationToken cancellationToken)
    {
        var uid = uids[worker.Random.Next(uids.Count)];
        var sign = worker.Calls++ % 2 == 0 ? '+' : '-';
        var reply = await worker.Session.CommandAsync(
            string.Create(CultureInfo.InvariantCulture, $"UID STORE {uid} {sign}FLAGS (\\Flagged)"), cancellationToken: cancellationToken);
        return Outcome.From(reply);
    }
}
