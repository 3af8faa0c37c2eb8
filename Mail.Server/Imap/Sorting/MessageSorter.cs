namespace Mail.Server.Imap.Sorting;

/// <summary>Orders messages by SORT criteria (RFC 5256 section 3): each criterion breaks the ties of the ones before
/// it, REVERSE turns one criterion around, and messages equal under all of them stay in sequence order (REVERSE does
/// not reverse that implicit last criterion). Keys are computed once per message, then one O(n log n) sort.</summary>
internal static class MessageSorter
{
    /// <summary>The messages in sorted order.</summary>
    public static IReadOnlyList<MessageFacts> Sort(IReadOnlyList<MessageFacts> messages, IReadOnlyList<SortCriterion> criteria)
    {
        var columns = new Comparison<int>[criteria.Count];
        for (var i = 0; i < criteria.Count; i++)
        {
            var column = Column(criteria[i].Key, messages);
            columns[i] = criteria[i].Reverse ? (a, b) => column(b, a) : column;
        }

        var order = new int[messages.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            foreach (var column in columns)
            {
                var result = column(a, b);
                if (result != 0)
                {
                    return result;
                }
            }

            return messages[a].Sequence.CompareTo(messages[b].Sequence);
        });

        var sorted = new MessageFacts[order.Length];
        for (var i = 0; i < order.Length; i++)
        {
            sorted[i] = messages[order[i]];
        }

        return sorted;
    }

    private static Comparison<int> Column(SortKeyKind key, IReadOnlyList<MessageFacts> messages) => key switch
    {
        SortKeyKind.Arrival => Numbers(messages, m => m.InternalDate),
        SortKeyKind.Date => Numbers(messages, m => m.SentDate),
        SortKeyKind.Size => Numbers(messages, m => m.Size),
        SortKeyKind.Subject => Texts(messages, m => m.Subject.Text),
        SortKeyKind.From => Texts(messages, m => AddressSortValue.Mailbox(m.Envelope.From)),
        SortKeyKind.To => Texts(messages, m => AddressSortValue.Mailbox(m.Envelope.To)),
        SortKeyKind.Cc => Texts(messages, m => AddressSortValue.Mailbox(m.Envelope.Cc)),
        SortKeyKind.DisplayFrom => Texts(messages, m => AddressSortValue.Display(m.Envelope.From)),
        SortKeyKind.DisplayTo => Texts(messages, m => AddressSortValue.Display(m.Envelope.To)),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "unknown sort key"),
    };

    private static Comparison<int> Numbers(IReadOnlyList<MessageFacts> messages, Func<MessageFacts, long> value)
    {
        var keys = new long[messages.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = value(messages[i]);
        }

        return (a, b) => keys[a].CompareTo(keys[b]);
    }

    private static Comparison<int> Texts(IReadOnlyList<MessageFacts> messages, Func<MessageFacts, string> value)
    {
        var keys = new byte[messages.Count][];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = AsciiCasemap.Key(value(messages[i]));
        }

        return (a, b) => AsciiCasemap.Compare(keys[a], keys[b]);
    }
}
