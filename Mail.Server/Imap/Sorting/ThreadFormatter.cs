using System.Globalization;
using System.Text;

namespace Mail.Server.Imap.Sorting;

/// <summary>Writes thread trees as the THREAD response (RFC 5256 section 4): "(1 2 3)" for a chain, "(1 (2)(3))" for
/// a message with several replies, "((1)(2))" for a dummy; numbers are sequence numbers or UIDs. Built with an
/// explicit stack: the nesting is as deep as the deepest reply chain.</summary>
internal static class ThreadFormatter
{
    /// <summary>The response text after "* ".</summary>
    public static string Format(IReadOnlyList<ThreadNode> threads, bool uids)
    {
        var text = new StringBuilder("THREAD");
        if (threads.Count > 0)
        {
            text.Append(' ');
        }

        // Each entry is a node to write or, when Node is null, literal text; pushed in reverse of writing order.
        var pending = new Stack<(ThreadNode? Node, string Text)>();
        for (var i = threads.Count - 1; i >= 0; i--)
        {
            pending.Push((null, ")"));
            pending.Push((threads[i], string.Empty));
            pending.Push((null, "("));
        }

        while (pending.Count > 0)
        {
            var (node, literal) = pending.Pop();
            if (node is null)
            {
                text.Append(literal);
                continue;
            }

            if (node.Message is { } message)
            {
                text.Append((uids ? message.Uid : message.Sequence).ToString(CultureInfo.InvariantCulture));
            }

            if (!node.HasChildren)
            {
                continue;
            }

            if (node.HasOneChild && !node.IsDummy)
            {
                pending.Push((node.FirstChild, string.Empty));
                pending.Push((null, " "));
                continue;
            }

            var children = node.Children();
            for (var i = children.Count - 1; i >= 0; i--)
            {
                pending.Push((null, ")"));
                pending.Push((children[i], string.Empty));
                pending.Push((null, "("));
            }

            if (!node.IsDummy)
            {
                pending.Push((null, " "));
            }
        }

        return text.ToString();
    }
}
