namespace ImapBench;

/// <summary>The result of one operation: done right or not (with the command and the server's answer), and the
/// items it moved (messages fetched, octets, search hits) for the per-operation notes.</summary>
internal readonly record struct Outcome(bool Ok, long Items, string? Error)
{
    public static Outcome Done(long items = 0) => new(true, items, null);

    public static Outcome Failed(string error) => new(false, 0, error);

    /// <summary>OK with the tagged completion, else a failure quoting the command and the answer.</summary>
    public static Outcome From(ImapReply reply, long items = 0) =>
        reply.Ok ? Done(items) : Failed($"{reply.Command} -> {reply.Text}");
}
