using System.Globalization;
using System.Text;

namespace ImapBench.Operations;

/// <summary>
/// One SEARCH with a fixed key. Every answer must have the same number of hits as the first one, and the table shows
/// that number beside what the generated mailbox holds, so a server that finds more or less is visible.
/// </summary>
internal sealed class Search(string name, string command, string? literal, int expected) : BenchOperation
{
    private readonly byte[] literalOctets = literal is null ? [] : Encoding.UTF8.GetBytes(literal);
    private int hits = -1;

    public override string Name => name;

    public override string Description => literal is null ? command : $"{command} {{n+}} {literal} (LITERAL+)";

    public override Task PrepareAsync(IReadOnlyList<Worker> workers, CancellationToken cancellationToken)
    {
        hits = -1;
        return Task.CompletedTask;
    }

    public override async Task<Outcome> RunOnceAsync(Worker worker, CancellationToken cancellationToken)
    {
        var reply = await worker.Session.CommandAsync(command, literalOctets, keepLines: true, cancellationToken);
        if (!reply.Ok)
        {
            return Outcome.From(reply);
        }

        var found = reply.SearchResults().Count;
        var first = Interlocked.CompareExchange(ref hits, found, -1);
        if (first >= 0 && first != found)
        {
            return Outcome.Failed($"{Description} -> {found} hits, earlier {first}");
        }

        return Outcome.Done(found);
    }

    public override string Note(long operations, long items, TimeSpan elapsed) =>
        string.Create(CultureInfo.InvariantCulture, $"{hits} hits (mailbox has {expected})");
}
