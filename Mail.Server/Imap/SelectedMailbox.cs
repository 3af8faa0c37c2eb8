using System.Globalization;
using Mail.Server.Store;

namespace Mail.Server.Imap;

/// <summary>The selected mailbox as this session has told the client about it: the message list in sequence order
/// with each message's flags and MODSEQ, and the highest MODSEQ reported. <see cref="SynchronizeAsync"/> brings the
/// client up to date from the index (EXISTS, FETCH FLAGS, EXPUNGE or VANISHED) at the moments RFC 9051 7.4.1 allows.</summary>
internal sealed class SelectedMailbox
{
    private readonly List<long> _uids;
    private readonly Dictionary<long, MessageRow> _rows;

    public SelectedMailbox(MailboxInfo info, bool readOnly, IReadOnlyList<MessageRow> rows, long highestModSeq)
    {
        Info = info;
        ReadOnly = readOnly;
        _uids = rows.Select(r => r.Uid).ToList();
        _rows = rows.ToDictionary(r => r.Uid);
        KnownModSeq = highestModSeq;
    }

    public MailboxInfo Info { get; }

    public bool ReadOnly { get; }

    /// <summary>The UIDs in sequence order (sequence number = index + 1).</summary>
    public IReadOnlyList<long> Uids => _uids;

    /// <summary>The highest MODSEQ the client has been brought up to.</summary>
    public long KnownModSeq { get; private set; }

    public MessageRow Row(long uid) => _rows[uid];

    public bool Contains(long uid) => _rows.ContainsKey(uid);

    /// <summary>The sequence number of a UID the session knows.</summary>
    public int SequenceOf(long uid)
    {
        var index = _uids.BinarySearch(uid);
        return index < 0 ? throw new KeyNotFoundException($"UID {uid} is not in the session's view") : index + 1;
    }

    /// <summary>Sequence numbers 1..n, for resolving a sequence set.</summary>
    public IReadOnlyList<long> SequenceNumbers() => Enumerable.Range(1, _uids.Count).Select(i => (long)i).ToArray();

    /// <summary>Records the session's own flag change so the next synchronisation does not report it again.</summary>
    public void Update(MessageRow row)
    {
        if (_rows.ContainsKey(row.Uid))
        {
            _rows[row.Uid] = row;
        }
    }

    /// <summary>Removes messages this session expunged itself and writes their EXPUNGE (or VANISHED) responses.</summary>
    public void Expunged(ImapSession session, IReadOnlyCollection<long> uids)
    {
        if (session.Enabled.Contains("QRESYNC"))
        {
            var gone = uids.Where(_rows.ContainsKey).Order().ToList();
            foreach (var uid in gone)
            {
                _uids.Remove(uid);
                _rows.Remove(uid);
            }

            if (gone.Count > 0)
            {
                session.Output.Untagged("VANISHED " + UidSet.Format(gone));
            }

            return;
        }

        // Highest first would keep the lower numbers valid, but clients expect ascending order with each number
        // taken after the previous removal (RFC 9051 7.5.1 example), which is what this does.
        foreach (var uid in uids.Order())
        {
            var index = _uids.BinarySearch(uid);
            if (index < 0)
            {
                continue;
            }

            _uids.RemoveAt(index);
            _rows.Remove(uid);
            session.Output.Untagged((index + 1).ToString(CultureInfo.InvariantCulture) + " EXPUNGE");
        }
    }

    /// <summary>Reads what changed since <see cref="KnownModSeq"/> and tells the client. Without
    /// <paramref name="allowExpunge"/> (during FETCH, STORE, SEARCH) only new messages and flag changes are sent, and
    /// expunges wait for a later command.</summary>
    public Task SynchronizeAsync(ImapSession session, bool allowExpunge, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var (highest, changed, expunged) = session.Services.Store.Index.Contents.ChangesSince(Info.Id, KnownModSeq);
        if (highest < 0)
        {
            // The mailbox was deleted under us (by another session): everything in it is gone.
            expunged = [.. _uids];
            highest = KnownModSeq;
        }

        var gone = expunged.Where(_rows.ContainsKey).ToList();
        if (gone.Count > 0 && !allowExpunge)
        {
            // Sequence numbers must not move now: report only additions, and look again later from the same point.
            ReportAdditionsAndFlags(session, changed);
            return Task.CompletedTask;
        }

        Expunged(session, gone);
        ReportAdditionsAndFlags(session, changed);
        KnownModSeq = Math.Max(KnownModSeq, highest);
        return Task.CompletedTask;
    }

    private void ReportAdditionsAndFlags(ImapSession session, IReadOnlyList<MessageRow> changed)
    {
        var added = false;
        foreach (var row in changed)
        {
            if (_rows.TryGetValue(row.Uid, out var known))
            {
                if (known.Flags != row.Flags || (session.CondStore && known.ModSeq != row.ModSeq))
                {
                    _rows[row.Uid] = row;
                    session.Output.Untagged(FlagsResponse.Format(SequenceOf(row.Uid), row, session, includeUid: true));
                }
            }
            else if (_uids.Count == 0 || row.Uid > _uids[^1])
            {
                _uids.Add(row.Uid);
                _rows[row.Uid] = row;
                added = true;
            }
        }

        if (added)
        {
            session.Output.Untagged(_uids.Count.ToString(CultureInfo.InvariantCulture) + " EXISTS");
        }
    }
}
