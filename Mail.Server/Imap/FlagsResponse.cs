using System.Globalization;
using Mail.Server.Store;

namespace Mail.Server.Imap;

/// <summary>The untagged "n FETCH (FLAGS (...) [UID u] [MODSEQ (m)])" a flag change produces.</summary>
internal static class FlagsResponse
{
    public static string Format(int sequence, MessageRow row, ImapSession session, bool includeUid)
    {
        var text = $"{sequence.ToString(CultureInfo.InvariantCulture)} FETCH (FLAGS ({row.Flags})";
        if (includeUid)
        {
            text += " UID " + row.Uid.ToString(CultureInfo.InvariantCulture);
        }

        if (session.CondStore)
        {
            text += " MODSEQ (" + row.ModSeq.ToString(CultureInfo.InvariantCulture) + ")";
        }

        return text + ")";
    }
}
