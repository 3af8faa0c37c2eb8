namespace Mail.Server.Store;

/// <summary>All of a mailbox's rows as of one HIGHESTMODSEQ, ascending by UID; immutable, so sessions share it.</summary>
public sealed class MailboxSnapshot(long highestModSeq, MessageRow[] rows)
{
    /// <summary>The mailbox's HIGHESTMODSEQ when the rows were read: any change to the mailbox raises it.</summary>
    public long HighestModSeq => highestModSeq;

    /// <summary>The rows, ascending by UID.</summary>
    public IReadOnlyList<MessageRow> Rows => rows;

    /// <summary>The row with <paramref name="uid"/>, or null when the mailbox had no such message.</summary>
    public MessageRow? Find(long uid)
    {
        int low = 0, high = rows.Length - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            var found = rows[middle].Uid;
            if (found == uid)
            {
                return rows[middle];
            }

            (low, high) = found < uid ? (middle + 1, high) : (low, middle - 1);
        }

        return null;
    }
}
