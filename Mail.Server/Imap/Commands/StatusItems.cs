using System.Globalization;
using System.Text;
using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>STATUS data items (RFC 9051 6.3.11, RFC 7162 HIGHESTMODSEQ, RFC 8438 SIZE) for STATUS and LIST-STATUS.</summary>
internal static class StatusItems
{
    private static readonly HashSet<string> Known = new(StringComparer.Ordinal)
    {
        "MESSAGES", "UIDNEXT", "UIDVALIDITY", "UNSEEN", "DELETED", "SIZE", "RECENT", "HIGHESTMODSEQ",
    };

    /// <summary>The requested item names (upper case); BAD for an unknown one.</summary>
    public static IReadOnlyList<string> Parse(ImapToken list)
    {
        if (list.Kind != ImapTokenKind.List || list.Children.Count == 0)
        {
            throw new ImapSyntaxException("expected a list of status items");
        }

        var items = list.Children.Select(c => c.Keyword).ToList();
        var unknown = items.FirstOrDefault(i => !Known.Contains(i));
        return unknown is null ? items : throw new ImapSyntaxException($"unknown status item {unknown}");
    }

    /// <summary>Writes "* STATUS name (items)".</summary>
    public static void Write(ImapSession session, MailboxInfo mailbox, IReadOnlyList<string> items)
    {
        IReadOnlyList<MessageRow>? rows = items.Any(i => i is "UNSEEN" or "DELETED") ? session.Services.Store.Index.Contents.Rows(mailbox.Id) : null;
        var values = new StringBuilder();
        foreach (var item in items)
        {
            var value = item switch
            {
                "MESSAGES" => mailbox.Messages,
                "UIDNEXT" => mailbox.UidNext,
                "UIDVALIDITY" => mailbox.UidValidity,
                "UNSEEN" => rows!.Count(r => !MessageFlags.Has(r.Flags, "\\Seen")),
                "DELETED" => rows!.Count(r => MessageFlags.Has(r.Flags, "\\Deleted")),
                "SIZE" => mailbox.Size,
                "HIGHESTMODSEQ" => mailbox.HighestModSeq,
                _ => 0L,
            };
            values.Append(values.Length == 0 ? string.Empty : " ").Append(item).Append(' ').Append(value.ToString(CultureInfo.InvariantCulture));
        }

        if (items.Contains("HIGHESTMODSEQ"))
        {
            session.CondStore = true;
        }

        session.Output.Write("* STATUS ");
        MailboxArgument.Write(session, mailbox.Name);
        session.Output.Write($" ({values})\r\n");
    }
}
