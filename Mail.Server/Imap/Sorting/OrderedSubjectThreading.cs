namespace Mail.Server.Imap.Sorting;

/// <summary>THREAD=ORDEREDSUBJECT (RFC 5256 section 3): messages sorted by base subject (i;ascii-casemap) and sent
/// date; each run of one base subject is a thread whose earliest message is the parent of all the others (no
/// grandchildren); threads ordered by the sent date of their first message. Messages without a subject form one
/// thread of their own, as in Dovecot.</summary>
internal static class OrderedSubjectThreading
{
    /// <summary>The threads' top nodes in order.</summary>
    public static IReadOnlyList<ThreadNode> Build(IReadOnlyList<MessageFacts> messages)
    {
        var keys = new byte[messages.Count][];
        var order = new int[messages.Count];
        for (var i = 0; i < messages.Count; i++)
        {
            keys[i] = AsciiCasemap.Key(messages[i].Subject.Text);
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var bySubject = AsciiCasemap.Compare(keys[a], keys[b]);
            return bySubject != 0 ? bySubject : SentDateOrder.Compare(messages[a], messages[b]);
        });

        var threads = new List<ThreadNode>();
        ThreadNode? parent = null;
        byte[]? subject = null;
        foreach (var index in order)
        {
            var node = new ThreadNode(messages[index]);
            if (parent is not null && AsciiCasemap.Compare(subject!, keys[index]) == 0)
            {
                parent.Adopt(node);
                continue;
            }

            parent = node;
            subject = keys[index];
            threads.Add(node);
        }

        threads.Sort(SentDateOrder.Instance);
        return threads;
    }
}
