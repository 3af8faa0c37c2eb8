using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>Turns a sequence-set or UID-set argument into the UIDs of the selected mailbox it names, in ascending
/// order ("$" is the saved search result, RFC 5182).</summary>
internal static class MessageSet
{
    public static IReadOnlyList<long> Uids(ImapSession session, ImapToken token, bool isUid)
    {
        if (token.Kind != ImapTokenKind.Atom)
        {
            throw new ImapSyntaxException("expected a sequence set");
        }

        var set = SequenceSet.Parse(token.Value.Span);
        var selected = session.Selected!;
        if (set.IsSaved)
        {
            return session.SavedSearch.Where(selected.Contains).Order().ToList();
        }

        if (isUid)
        {
            return set.Resolve(selected.Uids);
        }

        return set.Resolve(selected.SequenceNumbers()).Select(sequence => selected.Uids[(int)sequence - 1]).ToList();
    }
}
