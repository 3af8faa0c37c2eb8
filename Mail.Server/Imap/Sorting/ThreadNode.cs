namespace Mail.Server.Imap.Sorting;

/// <summary>One place in a thread tree: a message, or a dummy standing for a message that was referenced but not
/// searched (JWZ's "container"). Children are a doubly linked list so a node leaves its parent in O(1) however many
/// siblings it has.</summary>
internal sealed class ThreadNode(MessageFacts? message)
{
    private ThreadNode? _lastChild;
    private ThreadNode? _previousSibling;

    /// <summary>The message, or null for a dummy.</summary>
    public MessageFacts? Message { get; set; } = message;

    public bool IsDummy => Message is null;

    public ThreadNode? Parent { get; private set; }

    public ThreadNode? FirstChild { get; private set; }

    public ThreadNode? NextSibling { get; private set; }

    public bool HasChildren => FirstChild is not null;

    /// <summary>True when the node has exactly one child.</summary>
    public bool HasOneChild => FirstChild is not null && FirstChild == _lastChild;

    /// <summary>The message that stands for this node when siblings are ordered or a thread's subject is taken: its
    /// own, or for a dummy its first child's (RFC 5256 section 3, REFERENCES steps 4 to 6).</summary>
    public MessageFacts Representative
    {
        get
        {
            var node = this;
            while (node.Message is null)
            {
                node = node.FirstChild ?? throw new InvalidOperationException("a dummy without children stands for no message");
            }

            return node.Message;
        }
    }

    /// <summary>A snapshot of the children, safe to iterate while moving them.</summary>
    public List<ThreadNode> Children()
    {
        var children = new List<ThreadNode>();
        for (var child = FirstChild; child is not null; child = child.NextSibling)
        {
            children.Add(child);
        }

        return children;
    }

    /// <summary>Makes <paramref name="child"/> this node's last child, taking it from any parent it had.</summary>
    public void Adopt(ThreadNode child)
    {
        child.Detach();
        child.Parent = this;
        child._previousSibling = _lastChild;
        if (_lastChild is null)
        {
            FirstChild = child;
        }
        else
        {
            _lastChild.NextSibling = child;
        }

        _lastChild = child;
    }

    /// <summary>Takes the node from its parent (it keeps its own children).</summary>
    public void Detach()
    {
        if (Parent is null)
        {
            return;
        }

        if (_previousSibling is null)
        {
            Parent.FirstChild = NextSibling;
        }
        else
        {
            _previousSibling.NextSibling = NextSibling;
        }

        if (NextSibling is null)
        {
            Parent._lastChild = _previousSibling;
        }
        else
        {
            NextSibling._previousSibling = _previousSibling;
        }

        Parent = null;
        NextSibling = null;
        _previousSibling = null;
    }

    /// <summary>True when making <paramref name="child"/> a child of this node would close a loop: it is this node or
    /// one of its ancestors. A child without children is never an ancestor, which spares the walk up in the common
    /// case of linking a new message.</summary>
    public bool WouldLoopWith(ThreadNode child)
    {
        if (child == this)
        {
            return true;
        }

        if (!child.HasChildren)
        {
            return false;
        }

        for (var ancestor = Parent; ancestor is not null; ancestor = ancestor.Parent)
        {
            if (ancestor == child)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Puts the children in the order of <paramref name="order"/>.</summary>
    public void SortChildren(IComparer<ThreadNode> order)
    {
        if (FirstChild is null || HasOneChild)
        {
            return;
        }

        var children = Children();
        children.Sort(order);
        foreach (var child in children)
        {
            Adopt(child);
        }
    }
}
