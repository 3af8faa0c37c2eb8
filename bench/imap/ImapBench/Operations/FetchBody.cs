using System.Globalization;

namespace ImapBench.Operations;

/// <summary>Downloading one whole message chosen at random, as a client does when the user opens it.</summary>
internal sealed class FetchBody(int messages) : BenchOperation
{
    private List<long> uids = [];

    public override string Name => "fetch-body";

    public override string Description => "UID FETCH <random uid> BODY.PEEK[] (one message, literal counted)";

    public override async Task PrepareAsync(IReadOnlyList<Worker> workers, CancellationToken cancellationToken) =>
        uids = await MailboxUids.LoadedAsync(workers[0].Session, messages, cancellationToken);

    public override async Task<Outcome> RunOnceAsync(Worker worker, CancellationToken cancellationToken)
    {
        var uid = uids[worker.Random.Next(uids.Count)];
        var reply = await worker.Session.CommandAsync(
            string.Create(CultureInfo.InvariantCulture, $"UID FETCH {uid} BODY.PEEK[]"), cancellationToken: cancellationToken);
        if (reply.Ok && (reply.Fetches != 1 || reply.LiteralOctets == 0))
        {
            return Outcome.Failed($"UID FETCH {uid} BODY.PEEK[] -> {reply.Fetches} FETCH responses, {reply.LiteralOctets} literal octets; {reply.Text}");
        }

        return Outcome.From(reply, reply.LiteralOctets);
    }

    public override string Note(long operations, long items, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{items / elapsed.TotalSeconds / 1048576:N1} MB/s, {items / Math.Max(1, operations) / 1024.0:N1} KB/message");
}
