namespace ImapBench;

/// <summary>The UIDs in the selected mailbox, in ascending order (UID SEARCH ALL).</summary>
internal static class MailboxUids
{
    public static async Task<List<long>> ListAsync(ImapClient client, CancellationToken cancellationToken)
    {
        var reply = (await client.CommandAsync("UID SEARCH ALL", keepLines: true, cancellationToken: cancellationToken)).EnsureOk("UID SEARCH ALL");
        var uids = reply.SearchResults();
        uids.Sort();
        return uids;
    }

    /// <summary>The UIDs of the loaded mailbox: the first <paramref name="loaded"/> (messages appended later get higher UIDs).</summary>
    public static async Task<List<long>> LoadedAsync(ImapClient client, int loaded, CancellationToken cancellationToken)
    {
        var uids = await ListAsync(client, cancellationToken);
        if (uids.Count < loaded)
        {
            throw new ImapBenchException($"UID SEARCH ALL found {uids.Count} messages, expected at least {loaded}");
        }

        return uids.GetRange(0, loaded);
    }
}
