using System.Globalization;

namespace ImapBench.Operations;

/// <summary>What a client does on opening a folder it has no cache for: the summary of every message.</summary>
internal sealed class FetchAll(int messages) : BenchOperation
{
    public const string Command = "FETCH 1:* (UID FLAGS ENVELOPE BODYSTRUCTURE)";

    public override string Name => "fetch-all";

    public override string Description => $"{Command}: one op = the whole mailbox ({messages} FETCH responses expected)";

    public override async Task<Outcome> RunOnceAsync(Worker worker, CancellationToken cancellationToken)
    {
        var reply = await worker.Session.CommandAsync(Command, cancellationToken: cancellationToken);
        if (reply.Ok && reply.Fetches != messages)
        {
            return Outcome.Failed($"{Command} -> {reply.Fetches} FETCH responses, expected {messages}; {reply.Text}");
        }

        return Outcome.From(reply, reply.Fetches);
    }

    public override string Note(long operations, long items, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{items / elapsed.TotalSeconds:N0} messages/s");
}
