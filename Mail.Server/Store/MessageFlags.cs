namespace Mail.Server.Store;

/// <summary>A message's flags as the index keeps them: one space-separated text, system flags first in a fixed
/// order and in their canonical spelling, then keywords in the order they were first set, each flag once
/// (compared without regard to case, as clients expect).</summary>
public static class MessageFlags
{
    /// <summary>The system flags a client may set (RFC 9051 2.3.2), in the order they are kept.</summary>
    public static IReadOnlyList<string> System { get; } = ["\\Seen", "\\Answered", "\\Flagged", "\\Deleted", "\\Draft"];

    /// <summary>The flags in a stored text.</summary>
    public static IReadOnlyList<string> Parse(string stored) =>
        stored.Length == 0 ? [] : stored.Split(' ', StringSplitOptions.RemoveEmptyEntries);

    /// <summary>True when the stored text holds <paramref name="flag"/>.</summary>
    public static bool Has(string stored, string flag) =>
        Parse(stored).Contains(flag, StringComparer.OrdinalIgnoreCase);

    /// <summary>The canonical stored text of a set of flags.</summary>
    public static string Format(IEnumerable<string> flags)
    {
        var keywords = new List<string>();
        var system = new bool[System.Count];
        foreach (var flag in flags)
        {
            var index = IndexOfSystem(flag);
            if (index >= 0)
            {
                system[index] = true;
            }
            else if (!flag.StartsWith('\\') && !keywords.Contains(flag, StringComparer.OrdinalIgnoreCase))
            {
                keywords.Add(flag);
            }
        }

        return string.Join(' ', System.Where((_, i) => system[i]).Concat(keywords));
    }

    /// <summary>The stored text after a STORE of <paramref name="flags"/> with <paramref name="change"/>.</summary>
    public static string Apply(string stored, FlagChange change, IReadOnlyCollection<string> flags) => change switch
    {
        FlagChange.Replace => Format(flags),
        FlagChange.Add => Format(Parse(stored).Concat(flags)),
        FlagChange.Remove => Format(Parse(stored).Where(f => !flags.Contains(f, StringComparer.OrdinalIgnoreCase))),
        _ => throw new ArgumentOutOfRangeException(nameof(change)),
    };

    /// <summary>The canonical spelling of a system flag, or null when <paramref name="flag"/> is not one.</summary>
    public static string? CanonicalSystem(string flag)
    {
        var index = IndexOfSystem(flag);
        return index < 0 ? null : System[index];
    }

    private static int IndexOfSystem(string flag)
    {
        for (var i = 0; i < System.Count; i++)
        {
            if (string.Equals(System[i], flag, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
