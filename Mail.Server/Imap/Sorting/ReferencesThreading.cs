namespace Mail.Server.Imap.Sorting;

/// <summary>THREAD=REFERENCES (RFC 5256 section 3), step by step: link messages by their references (dummies for
/// referenced messages not searched), take the parentless as the root set, prune dummies, order the root set, merge
/// root threads of one base subject, order every set of siblings. Everything runs over explicit lists and stacks, never
/// recursion, so a reply chain thousands deep cannot exhaust the stack.</summary>
internal static class ReferencesThreading
{
    /// <summary>The threads' top nodes in order.</summary>
    public static IReadOnlyList<ThreadNode> Build(IReadOnlyList<MessageFacts> messages)
    {
        var nodes = Link(messages);
        var roots = Prune(nodes.Where(node => node.Parent is null).ToList());

        // (4) The root set by sent date, a dummy by its earliest child.
        foreach (var root in roots)
        {
            if (root.IsDummy)
            {
                root.SortChildren(SentDateOrder.Instance);
            }
        }

        roots.Sort(SentDateOrder.Instance);
        roots = MergeBySubject(roots);

        // (6) Every set of siblings by sent date, grandchildren before children so a dummy's first child is known.
        var nodesFromTop = InPreorder(roots);
        for (var i = nodesFromTop.Count - 1; i >= 0; i--)
        {
            nodesFromTop[i].SortChildren(SentDateOrder.Instance);
        }

        roots.Sort(SentDateOrder.Instance);
        return roots;
    }

    // (1) For each message in sequence order: (A) chain its references parent to child, keeping links that exist and
    // refusing loops; (B) make the last reference its parent, replacing the parent it had (likely from a truncated
    // References header elsewhere), or leave it without one when it has no references.
    private static List<ThreadNode> Link(IReadOnlyList<MessageFacts> messages)
    {
        var byId = new Dictionary<string, ThreadNode>(StringComparer.Ordinal);
        var nodes = new List<ThreadNode>(messages.Count);
        foreach (var message in messages)
        {
            ThreadNode? previous = null;
            foreach (var id in message.References)
            {
                if (!byId.TryGetValue(id, out var node))
                {
                    node = new ThreadNode(null);
                    byId[id] = node;
                    nodes.Add(node);
                }

                if (previous is not null && node.Parent is null && !previous.WouldLoopWith(node))
                {
                    previous.Adopt(node);
                }

                previous = node;
            }

            var own = OwnNode(message, byId, nodes);
            own.Detach();
            if (previous is not null && !previous.WouldLoopWith(own))
            {
                previous.Adopt(own);
            }
        }

        return nodes;
    }

    // The message takes the dummy its id already has; a message without a valid id, or with the id of an earlier
    // message, gets a node of its own that no reference can reach (the RFC's "unique Message ID").
    private static ThreadNode OwnNode(MessageFacts message, Dictionary<string, ThreadNode> byId, List<ThreadNode> nodes)
    {
        if (message.MessageId is { } id && byId.TryGetValue(id, out var existing) && existing.IsDummy)
        {
            existing.Message = message;
            return existing;
        }

        var node = new ThreadNode(message);
        nodes.Add(node);
        if (message.MessageId is { } newId)
        {
            byId.TryAdd(newId, node);
        }

        return node;
    }

    // (2), (3) The parentless nodes are the root set. Below it every dummy goes, its children taking its place; in
    // the root set a dummy goes only when it has at most one child, so siblings are not scattered into separate threads.
    private static List<ThreadNode> Prune(List<ThreadNode> parentless)
    {
        var roots = new List<ThreadNode>();
        foreach (var root in parentless)
        {
            var below = InPreorder([root]);
            for (var i = below.Count - 1; i >= 0; i--)
            {
                var node = below[i];
                foreach (var child in node.Children())
                {
                    if (child.IsDummy)
                    {
                        foreach (var grandchild in child.Children())
                        {
                            node.Adopt(grandchild);
                        }

                        child.Detach();
                    }
                }
            }

            if (!root.IsDummy)
            {
                roots.Add(root);
            }
            else if (root.HasOneChild)
            {
                var child = root.FirstChild!;
                child.Detach();
                roots.Add(child);
            }
            else if (root.HasChildren)
            {
                roots.Add(root);
            }
        }

        return roots;
    }

    // (5) Root threads with the same base subject join: a table keeps one thread per subject, preferring a dummy, then
    // a thread whose subject is not a reply or forward; every other thread of that subject is merged into it.
    private static List<ThreadNode> MergeBySubject(List<ThreadNode> roots)
    {
        var table = new Dictionary<string, ThreadNode>(StringComparer.Ordinal);
        foreach (var root in roots)
        {
            if (SubjectKey(root) is not { } key)
            {
                continue;
            }

            if (!table.TryGetValue(key, out var held))
            {
                table[key] = root;
            }
            else if (!held.IsDummy && (root.IsDummy || (IsReplyOrForward(held) && !IsReplyOrForward(root))))
            {
                table[key] = root;
            }
        }

        var added = new List<ThreadNode>();
        foreach (var root in roots)
        {
            // A root already merged under another thread, or a dummy emptied into one, is no longer in the root set.
            if (root.Parent is not null || (root.IsDummy && !root.HasChildren) || SubjectKey(root) is not { } key)
            {
                continue;
            }

            var held = table[key];
            if (held == root)
            {
                continue;
            }

            if (held.IsDummy && root.IsDummy)
            {
                foreach (var child in root.Children())
                {
                    held.Adopt(child);
                }
            }
            else if (held.IsDummy || (IsReplyOrForward(root) && !IsReplyOrForward(held)))
            {
                held.Adopt(root);
            }
            else
            {
                var dummy = new ThreadNode(null);
                dummy.Adopt(held);
                dummy.Adopt(root);
                table[key] = dummy;
                added.Add(dummy);
            }
        }

        var merged = roots.Where(root => root.Parent is null && (!root.IsDummy || root.HasChildren)).ToList();
        merged.AddRange(added);
        return merged;
    }

    // The thread subject: the base subject of the message, or of a dummy's first child; null when empty.
    private static string? SubjectKey(ThreadNode root)
    {
        var subject = root.Representative.Subject.Text;
        return subject.Length == 0 ? null : AsciiCasemap.Fold(subject);
    }

    private static bool IsReplyOrForward(ThreadNode node) => node.Message is { Subject.IsReplyOrForward: true };

    private static List<ThreadNode> InPreorder(IEnumerable<ThreadNode> tops)
    {
        var order = new List<ThreadNode>();
        var pending = new Stack<ThreadNode>(tops);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            order.Add(node);
            for (var child = node.FirstChild; child is not null; child = child.NextSibling)
            {
                pending.Push(child);
            }
        }

        return order;
    }
}
