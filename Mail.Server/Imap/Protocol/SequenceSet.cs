using System.Globalization;
using System.Text;

namespace Mail.Server.Imap.Protocol;

/// <summary>An IMAP sequence set ("1:4,7,9:*", RFC 9051 9 "sequence-set"), or "$" for the saved SEARCHRES result
/// (RFC 5182). Ranges are kept as written; <see cref="Resolve"/> turns them into members of a list.</summary>
public sealed class SequenceSet
{
    private const uint Star = uint.MaxValue;
    private readonly List<(uint From, uint To)> _ranges;

    private SequenceSet(List<(uint From, uint To)> ranges, bool saved)
    {
        _ranges = ranges;
        IsSaved = saved;
    }

    /// <summary>True for "$" (the session's saved search result).</summary>
    public bool IsSaved { get; }

    /// <summary>Parses a set; throws <see cref="ImapSyntaxException"/> when malformed (a bound of 0 included).</summary>
    public static SequenceSet Parse(ReadOnlySpan<byte> text)
    {
        if (text.SequenceEqual("$"u8))
        {
            return new SequenceSet([], saved: true);
        }

        if (text.IsEmpty || text.Length > 100_000)
        {
            throw new ImapSyntaxException("invalid sequence set");
        }

        var ranges = new List<(uint, uint)>();
        foreach (var part in Encoding.ASCII.GetString(text).Split(','))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var from = Number(colon < 0 ? part : part[..colon]);
            var to = colon < 0 ? from : Number(part[(colon + 1)..]);
            ranges.Add(from <= to ? (from, to) : (to, from));
        }

        return new SequenceSet(ranges, saved: false);
    }

    /// <summary>The members of <paramref name="ascending"/> (sequence numbers 1..n or UIDs) that the set names, in
    /// ascending order, each once. "*" is the largest member; for UIDs a range past the end still names the last
    /// message (RFC 9051 6.4.9: "UID range of 559:* always includes the UID of the last message").</summary>
    public IReadOnlyList<long> Resolve(IReadOnlyList<long> ascending)
    {
        var result = new List<long>();
        if (ascending.Count == 0)
        {
            return result;
        }

        var largest = ascending[^1];
        var selected = new HashSet<long>();
        foreach (var (from, to) in _ranges)
        {
            long low = from == Star ? largest : from;
            long high = to == Star ? largest : to;
            if (low > high)
            {
                (low, high) = (high, low);
            }

            var start = LowerBound(ascending, low);
            for (var i = start; i < ascending.Count && ascending[i] <= high; i++)
            {
                if (selected.Add(ascending[i]))
                {
                    result.Add(ascending[i]);
                }
            }
        }

        result.Sort();
        return result;
    }

    /// <summary>The set as inclusive ranges, ascending and merged, with "*" read as <paramref name="largest"/>.</summary>
    public IReadOnlyList<(long From, long To)> Ranges(long largest)
    {
        var ranges = new List<(long From, long To)>();
        foreach (var (from, to) in _ranges)
        {
            long low = from == Star ? largest : from;
            long high = to == Star ? largest : to;
            ranges.Add(low <= high ? (low, high) : (high, low));
        }

        ranges.Sort();
        var merged = new List<(long From, long To)>();
        foreach (var range in ranges)
        {
            if (merged.Count > 0 && range.From <= merged[^1].To + 1)
            {
                merged[^1] = (merged[^1].From, Math.Max(merged[^1].To, range.To));
            }
            else
            {
                merged.Add(range);
            }
        }

        return merged;
    }

    private static uint Number(string text)
    {
        if (text == "*")
        {
            return Star;
        }

        if (!uint.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value == 0)
        {
            throw new ImapSyntaxException("invalid sequence set");
        }

        return value;
    }

    private static int LowerBound(IReadOnlyList<long> ascending, long value)
    {
        int low = 0, high = ascending.Count;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (ascending[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
