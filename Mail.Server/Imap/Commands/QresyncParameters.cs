using System.Globalization;
using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>SELECT's QRESYNC (uidvalidity modseq [known-uids]) parameter (RFC 7162 3.2.5); the optional
/// sequence-match data is accepted and not needed, since the expunge log answers exactly.</summary>
internal sealed record QresyncParameters(long UidValidity, long ModSeq, SequenceSet? KnownUids)
{
    public static QresyncParameters Parse(ImapToken token)
    {
        if (token.Kind != ImapTokenKind.List || token.Children.Count < 2
            || !long.TryParse(token.Children[0].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var validity)
            || !long.TryParse(token.Children[1].Text, NumberStyles.None, CultureInfo.InvariantCulture, out var modseq))
        {
            throw new ImapSyntaxException("QRESYNC needs (uidvalidity modseq [known-uids])");
        }

        var known = token.Children.Count > 2 && token.Children[2].Kind == ImapTokenKind.Atom ? SequenceSet.Parse(token.Children[2].Value.Span) : null;
        return new QresyncParameters(validity, modseq, known);
    }
}
