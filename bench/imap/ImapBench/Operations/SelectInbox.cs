namespace ImapBench.Operations;

/// <summary>SELECT INBOX again and again on an open session (each one re-reads the mailbox state).</summary>
internal sealed class SelectInbox(int messages) : BenchOperation
{
    public override string Name => "select";

    public override string Description => $"SELECT INBOX on a logged-in session (expects * {messages} EXISTS)";

    public override async Task<Outcome> RunOnceAsync(Worker worker, CancellationToken cancellationToken)
    {
        var reply = await worker.Session.CommandAsync("SELECT INBOX", cancellationToken: cancellationToken);
        if (reply.Ok && reply.Exists != messages)
        {
            return Outcome.Failed($"SELECT INBOX -> * {reply.Exists} EXISTS, expected {messages}");
        }

        return Outcome.From(reply);
    }
}
