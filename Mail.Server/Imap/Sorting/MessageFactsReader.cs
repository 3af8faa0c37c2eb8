using System.Text;
using Mail.Server.Store;
using MimeKit;
using MimeKit.Utils;

namespace Mail.Server.Imap.Sorting;

/// <summary>Reads the <see cref="MessageFacts"/> of messages of the selected mailbox: envelopes from the index cache,
/// and only for REFERENCES threading the header section of the body file (the envelope has no References).</summary>
internal static class MessageFactsReader
{
    private static readonly CachedEnvelope NoEnvelope = new(null, null, [], [], [], [], [], [], null, null);

    /// <summary>The facts of <paramref name="uids"/> (ascending), in the same order.</summary>
    public static async Task<IReadOnlyList<MessageFacts>> ReadAsync(ImapSession session, IReadOnlyList<long> uids, MessageFactsDepth depth, CancellationToken cancellationToken)
    {
        var selected = session.Selected!;
        var store = session.Services.Store;
        var facts = new List<MessageFacts>(uids.Count);
        selected.Prefetch(session, uids);
        var envelopes = depth == MessageFactsDepth.Row ? null : store.Index.Envelopes(selected.Info.Id);
        foreach (var uid in uids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var row = selected.Row(session, uid);
            var envelope = envelopes is not null && envelopes.TryGetValue(uid, out var cached) ? cached : NoEnvelope;
            var references = depth == MessageFactsDepth.References ? await ReferencesAsync(store, row.Hash, envelope, cancellationToken).ConfigureAwait(false) : [];
            facts.Add(new MessageFacts
            {
                Uid = uid,
                Sequence = selected.SequenceOf(uid),
                InternalDate = row.InternalDate,
                Size = row.Size,
                SentDate = SentDate(envelope.Date, row.InternalDate),
                Envelope = envelope,
                Subject = depth == MessageFactsDepth.Row ? default : BaseSubject.Extract(envelope.Subject),
                MessageId = depth == MessageFactsDepth.References ? MessageIdList.First(envelope.MessageId) : null,
                References = references,
            });
        }

        return facts;
    }

    // RFC 5256 2.2: the Date header compared in UTC; without a usable one, INTERNALDATE.
    private static long SentDate(string? date, long internalDate) =>
        date is not null && DateUtils.TryParse(date, out DateTimeOffset sent) ? sent.ToUnixTimeSeconds() : internalDate;

    private static async Task<IReadOnlyList<string>> ReferencesAsync(MessageStore store, string hash, CachedEnvelope envelope, CancellationToken cancellationToken)
    {
        HeaderList headers;
        try
        {
            var file = store.Bodies.OpenRead(hash);
            await using (file.ConfigureAwait(false))
            {
                // Only the header section is parsed; the body is never read.
                headers = await HeaderList.LoadAsync(file, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Expunged by another session since this one last synchronised: thread it by its In-Reply-To alone.
            headers = new HeaderList();
        }

        var index = headers.IndexOf(HeaderId.References);
        var references = index < 0 ? [] : MessageIdList.Parse(Encoding.UTF8.GetString(headers[index].RawValue));
        if (references.Count > 0)
        {
            return references;
        }

        return MessageIdList.First(envelope.InReplyTo) is { } parent ? [parent] : [];
    }
}
