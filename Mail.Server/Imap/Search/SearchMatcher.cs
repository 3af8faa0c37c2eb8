using Mail.Directory.Addressing;
using Mail.Server.Store;

namespace Mail.Server.Imap.Search;

/// <summary>Evaluates a <see cref="SearchKey"/> tree against the messages of the selected mailbox.</summary>
internal sealed class SearchMatcher(ImapSession session)
{
    private readonly Dictionary<SearchKey, HashSet<long>> _sets = new(ReferenceEqualityComparer.Instance);

    /// <summary>The UIDs (ascending) of the session's messages that match.</summary>
    public IReadOnlyList<long> Match(SearchKey key, CancellationToken cancellationToken)
    {
        var selected = session.Selected!;
        var uids = selected.Uids;
        var result = new List<long>();
        selected.Prefetch(session, uids);

        var kept = key.UsesKeptHeaders ? session.Services.Store.Index.SearchHeaders(selected.Info.Id) : null;

        for (var i = 0; i < uids.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // A message another session expunged since the last synchronisation matches nothing.
            var row = selected.TryRow(session, uids[i]);
            if (row is null)
            {
                continue;
            }

            var content = new MessageContent(session.Services.Store, row, kept?.GetValueOrDefault(row.Uid));
            if (Matches(key, content, i + 1))
            {
                result.Add(uids[i]);
            }
        }

        return result;
    }

    private bool Matches(SearchKey key, MessageContent message, int sequence)
    {
        var row = message.Row;
        return key.Kind switch
        {
            SearchKeyKind.All => true,
            SearchKeyKind.And => key.Children.All(child => Matches(child, message, sequence)),
            SearchKeyKind.Or => key.Children.Any(child => Matches(child, message, sequence)),
            SearchKeyKind.Not => !Matches(key.Children[0], message, sequence),
            SearchKeyKind.Flag => MessageFlags.Has(row.Flags, key.Text),
            SearchKeyKind.NoFlag => !MessageFlags.Has(row.Flags, key.Text),
            SearchKeyKind.Larger => row.Size > key.Number,
            SearchKeyKind.Smaller => row.Size < key.Number,
            SearchKeyKind.ModSeq => row.ModSeq >= key.Number,
            SearchKeyKind.Uid => InSet(key, row.Uid, uidSet: true),
            SearchKeyKind.Sequence => InSet(key, sequence, uidSet: false),
            SearchKeyKind.Before => InternalDay(row) < key.Day,
            SearchKeyKind.On => InternalDay(row) == key.Day,
            SearchKeyKind.Since => InternalDay(row) >= key.Day,
            SearchKeyKind.SentBefore => message.SentDay is { } before && before < key.Day,
            SearchKeyKind.SentOn => message.SentDay is { } on && on == key.Day,
            SearchKeyKind.SentSince => message.SentDay is { } since && since >= key.Day,
            SearchKeyKind.Header when message.KeptHeaders is { } kept && SearchHeaders.Covers(key.Field) => SearchHeaders.Contains(kept, key.Field, key.Text),
            SearchKeyKind.Header => key.Text.Length == 0
                ? message.Values(key.Field).Any()
                : message.Values(key.Field).Any(value => SearchText.Contains(value, key.Text)),
            SearchKeyKind.Body => SearchText.Contains(message.Body, key.Text),
            SearchKeyKind.Text => message.Headers.Any(h => SearchText.Contains(h.Value, key.Text)) || SearchText.Contains(message.Body, key.Text),
            _ => false,
        };
    }

    private bool InSet(SearchKey key, long value, bool uidSet)
    {
        if (key.Set!.IsSaved)
        {
            return session.SavedSearch.Contains(uidSet ? value : session.Selected!.Uids[(int)value - 1]);
        }

        if (!_sets.TryGetValue(key, out var set))
        {
            var members = uidSet ? session.Selected!.Uids : session.Selected!.SequenceNumbers();
            set = key.Set.Resolve(members).ToHashSet();
            _sets[key] = set;
        }

        return set.Contains(value);
    }

    // INTERNALDATE's day as FETCH shows it, in its own zone (RFC 3501 6.4.4: "disregarding time and timezone"), so
    // mail appended at 01:30 +0700 is ON that day; Dovecot, which keeps no zone, takes the server's.
    private static DateOnly InternalDay(MessageRow row) => DateOnly.FromDateTime(row.InternalDateTime.DateTime);
}
