using System.Globalization;
using Mail.Server.Store;

namespace Mail.Server.Imap;

/// <summary>The selected mailbox as this session has told the client about it: the UIDs in sequence order with the
/// MODSEQ each was last reported at, and the highest MODSEQ reported — two numbers per message, so an idle session
/// on a large mailbox stays small. Full rows are read from the index once per command that needs them. <see cref="SynchronizeAsync"/> brings the
/// client up to date from the index (EXISTS, FETCH FLAGS, EXPUNGE or VANISHED) at the moments RFC 9051 7.4.1 allows.</summary>
internal sealed class SelectedMailbox
{
    private readonly List<long> _uids;
    private readonly List<long> _modseqs;
    private Dictionary<long, MessageRow>? _snapshot;
    private MailboxSnapshot? _whole;

    public SelectedMailbox(MailboxInfo info, bool readOnly, IReadOnlyList<MessageRow> states, long highestModSeq)
    {
        Info = info;
        ReadOnly = readOnly;
        _uids = new List<long>(states.Count);
        _modseqs = new List<long>(states.Count);
        foreach (var state in states)
        {
            _uids.Add(state.Uid);
            _modseqs.Add(state.ModSeq);
        }

        KnownModSeq = highestModSeq;
    }

    public MailboxInfo Info { get; }

    public bool ReadOnly { get; }

    /// <summary>The UIDs in sequence order (sequence number = index + 1).</summary>
    public IReadOnlyList<long> Uids => _uids;

    /// <summary>The highest MODSEQ the client has been brought up to.</summary>
    public long KnownModSeq { get; private set; }

    /// <summary>The index row of a message the session knows, as the index has it now; null when it was expunged
    /// meanwhile. Rows come from what <see cref="Prefetch"/> read for the command, else one at a time.</summary>
    public MessageRow? TryRow(ImapSession session, long uid)
    {
        if (_whole is not null)
        {
            // The whole mailbox as of this command: a UID missing from it was expunged.
            return _whole.Find(uid);
        }

        _snapshot ??= [];
        if (!_snapshot.TryGetValue(uid, out var row))
        {
            var found = session.Services.Store.Index.Contents.Rows(Info.Id, uid, uid);
            row = found.Count > 0 ? found[0] : null;
            if (row is not null)
            {
                _snapshot[uid] = row;
            }
        }

        return row;
    }

    /// <summary>Reads the rows of <paramref name="uids"/> (ascending) for the current command in one query: the
    /// UID range they span, or the whole mailbox when they are most of it.</summary>
    public void Prefetch(ImapSession session, IReadOnlyList<long> uids)
    {
        if (uids.Count < 2)
        {
            return;
        }

        var contents = session.Services.Store.Index.Contents;
        if (uids.Count * 2 > _uids.Count)
        {
            // Most of the mailbox: the shared snapshot, read from SQLite only when the mailbox changed.
            _whole = contents.Snapshot(Info.Id);
            return;
        }

        var rows = contents.Rows(Info.Id, uids[0], uids[^1]);
        _snapshot ??= [];
        foreach (var row in rows)
        {
            _snapshot[row.Uid] = row;
        }
    }

    /// <summary>Like <see cref="TryRow"/>, for a message that must still exist.</summary>
    public MessageRow Row(ImapSession session, long uid) =>
        TryRow(session, uid) ?? throw new ImapNoException("[EXPUNGEISSUED] a message was expunged meanwhile");

    /// <summary>Drops the rows read for the command that just ended.</summary>
    public void EndCommand() => (_snapshot, _whole) = (null, null);

    public bool Contains(long uid) => _uids.BinarySearch(uid) >= 0;

    /// <summary>The sequence number of a UID the session knows.</summary>
    public int SequenceOf(long uid)
    {
        var index = _uids.BinarySearch(uid);
        return index < 0 ? throw new KeyNotFoundException($"UID {uid} is not in the session's view") : index + 1;
    }

    /// <summary>Sequence numbers 1..n, for resolving a sequence set.</summary>
    public IReadOnlyList<long> SequenceNumbers() => Enumerable.Range(1, _uids.Count).Select(i => (long)i).ToArray();

    /// <summary>The MODSEQ the client was last told for a message, or null for a UID the session does not know.</summary>
    public long? ReportedModSeq(long uid)
    {
        var index = _uids.BinarySearch(uid);
        return index < 0 ? null : _modseqs[index];
    }

    /// <summary>Records the session's own change so the next synchronisation does not report it again.</summary>
    public void Update(MessageRow row)
    {
        var index = _uids.BinarySearch(row.Uid);
        if (index >= 0)
        {
            _modseqs[index] = Math.Max(_modseqs[index], row.ModSeq);
        }

        // MODSEQs are taken one by one per mailbox, so a change of our own right after what the client knows means
        // nobody else changed anything in between: the next synchronisation need not look.
        if (row.ModSeq == KnownModSeq + 1)
        {
            KnownModSeq = row.ModSeq;
        }

        if (_snapshot is not null && _snapshot.ContainsKey(row.Uid))
        {
            _snapshot[row.Uid] = row;
        }
    }

    /// <summary>Removes messages this session expunged itself and writes their EXPUNGE (or VANISHED) responses.</summary>
    public void Expunged(ImapSession session, IReadOnlyCollection<long> uids)
    {
        if (session.Enabled.Contains("QRESYNC"))
        {
            var gone = uids.Where(Contains).Order().ToList();
            foreach (var uid in gone)
            {
                Remove(uid);
            }

            if (gone.Count > 0)
            {
                session.Output.Untagged("VANISHED " + UidSet.Format(gone));
            }

            return;
        }

        // Clients expect ascending order with each number taken after the previous removal (RFC 9051 7.5.1).
        foreach (var uid in uids.Order())
        {
            var index = _uids.BinarySearch(uid);
            if (index < 0)
            {
                continue;
            }

            Remove(uid);
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
            expunged = ExpungedUids.AllAbsent([], long.MaxValue);
            highest = KnownModSeq;
        }

        var gone = expunged.Among(_uids);
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

    private void Remove(long uid)
    {
        var index = _uids.BinarySearch(uid);
        _uids.RemoveAt(index);
        _modseqs.RemoveAt(index);
        _snapshot?.Remove(uid);
    }

    private void ReportAdditionsAndFlags(ImapSession session, IReadOnlyList<MessageRow> changed)
    {
        var added = false;
        foreach (var row in changed)
        {
            var index = _uids.BinarySearch(row.Uid);
            if (index >= 0)
            {
                if (row.ModSeq > _modseqs[index])
                {
                    _modseqs[index] = row.ModSeq;
                    session.Output.Untagged(FlagsResponse.Format(index + 1, row, session, includeUid: true));
                }
            }
            else if (_uids.Count == 0 || row.Uid > _uids[^1])
            {
                _uids.Add(row.Uid);
                _modseqs.Add(row.ModSeq);
                added = true;
            }
        }

        if (added)
        {
            session.Output.Untagged(_uids.Count.ToString(CultureInfo.InvariantCulture) + " EXISTS");
        }
    }
}
