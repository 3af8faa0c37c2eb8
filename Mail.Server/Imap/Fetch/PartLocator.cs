using Mail.Server.Store;

namespace Mail.Server.Imap.Fetch;

/// <summary>Finds the part that FETCH part numbers name (RFC 9051 6.4.5).</summary>
internal static class PartLocator
{
    /// <summary>The part <paramref name="path"/> names in the message whose top-level part is
    /// <paramref name="root"/>, or null when there is no such part (the session then returns an empty string, as
    /// Dovecot does).</summary>
    /// <remarks>A multipart's parts are numbered from 1; a message that is not multipart has only part 1, its body.
    /// After a message/rfc822 part, the numbers continue inside the encapsulated message by the same rules, so
    /// "3.1" is the first part of the forwarded message's multipart body, or its body when that is not multipart.
    /// </remarks>
    public static CachedPart? Find(CachedPart root, IReadOnlyList<int> path)
    {
        var node = root;
        var isMessageBody = true;
        for (var i = 0; i < path.Count; i++)
        {
            var number = path[i];
            if (node.IsMultipart)
            {
                if (number > node.Children.Count)
                {
                    return null;
                }

                node = node.Children[number - 1];
            }
            else if (!isMessageBody || number != 1)
            {
                return null;
            }

            isMessageBody = false;
            if (i + 1 < path.Count && node.IsEncapsulatedMessage)
            {
                node = node.Children[0];
                isMessageBody = true;
            }
        }

        return node;
    }
}
