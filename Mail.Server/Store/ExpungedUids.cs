namespace Mail.Server.Store;

/// <summary>The UIDs of a mailbox expunged after some MODSEQ: read from the expunge log, or, when the log no longer
/// reaches back that far (see <see cref="ExpungeLog"/>), every UID below UIDNEXT that is not in the mailbox now.</summary>
/// <remarks>The second form names UIDs that were never expunged after that MODSEQ (or never existed), which RFC 7162
/// 3.2.5.2 and 3.2.6 allow in VANISHED (EARLIER): a client ignores UIDs it does not know. Dovecot answers the same way
/// when its transaction log is gone (imap-fetch.c, get_expunges_fallback).</remarks>
public sealed class ExpungedUids
{
    private readonly IReadOnlyList<long> _logged;
    private readonly long[]? _present;

    private ExpungedUids(IReadOnlyList<long> logged, long[]? present, long uidNext)
    {
        _logged = logged;
        _present = present;
        UidNext = uidNext;
    }

    /// <summary>Nothing expunged.</summary>
    public static ExpungedUids None { get; } = new([], null, 1);

    /// <summary>The mailbox's UIDNEXT when this was read: no UID at or above it was ever used.</summary>
    public long UidNext { get; }

    /// <summary>True when these are exactly the logged expunges; false for the "everything absent" form.</summary>
    public bool IsExact => _present is null;

    /// <summary>The expunges the log holds, ascending.</summary>
    public static ExpungedUids Logged(IReadOnlyList<long> ascending, long uidNext) => new(ascending, null, uidNext);

    /// <summary>Every UID below <paramref name="uidNext"/> that is not in <paramref name="presentAscending"/>.</summary>
    public static ExpungedUids AllAbsent(long[] presentAscending, long uidNext) => new([], presentAscending, uidNext);

    /// <summary>Which of <paramref name="ascending"/> (UIDs a session knows) are gone.</summary>
    public List<long> Among(IReadOnlyList<long> ascending)
    {
        var gone = new List<long>();
        if (_present is null)
        {
            foreach (var uid in _logged)
            {
                if (Search(ascending, uid) >= 0)
                {
                    gone.Add(uid);
                }
            }
        }
        else
        {
            foreach (var uid in ascending)
            {
                if (Array.BinarySearch(_present, uid) < 0)
                {
                    gone.Add(uid);
                }
            }
        }

        return gone;
    }

    /// <summary>The gone UIDs inside <paramref name="ranges"/> (inclusive, ascending and not overlapping), ascending and
    /// produced one by one, so a wide range costs no memory.</summary>
    public IEnumerable<long> Within(IReadOnlyList<(long From, long To)> ranges)
    {
        if (_present is null)
        {
            foreach (var uid in _logged)
            {
                if (Inside(ranges, uid))
                {
                    yield return uid;
                }
            }

            yield break;
        }

        foreach (var (from, to) in ranges)
        {
            var at = Array.BinarySearch(_present, from);
            var next = at < 0 ? ~at : at;
            for (var uid = Math.Max(from, 1); uid <= Math.Min(to, UidNext - 1); uid++)
            {
                if (next < _present.Length && _present[next] == uid)
                {
                    next++;
                    continue;
                }

                yield return uid;
            }
        }
    }

    private static bool Inside(IReadOnlyList<(long From, long To)> ranges, long uid)
    {
        foreach (var (from, to) in ranges)
        {
            if (uid >= from && uid <= to)
            {
                return true;
            }
        }

        return false;
    }

    private static int Search(IReadOnlyList<long> ascending, long value)
    {
        int low = 0, high = ascending.Count - 1;
        while (low <= high)
        {
            var middle = low + ((high - low) >> 1);
            if (ascending[middle] == value)
            {
                return middle;
            }

            (low, high) = ascending[middle] < value ? (middle + 1, high) : (low, middle - 1);
        }

        return -1;
    }
}
