using System.Globalization;

namespace ImapBench.Operations;

/// <summary>Saving a message into INBOX (a client's "save draft" / "copy to Sent" path): APPEND with LITERAL+.</summary>
internal sealed class AppendMessage(byte[] octets) : BenchOperation
{
    public override string Name => "append";

    public override string Description =>
        string.Create(CultureInfo.InvariantCulture, $"APPEND INBOX (\\Seen) {{{octets.Length}+}} (a {octets.Length / 1024.0:N1} KB plain-text message)");

    public override async Task<Outcome> RunOnceAsync(Worker worker, CancellationToken cancellationToken)
    {
        var reply = await worker.Session.CommandAsync("APPEND INBOX (\\Seen)", octets, cancellationToken: cancellationToken);
        return Outcome.From(reply, octets.Length);
    }
}
