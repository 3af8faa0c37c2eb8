using System.Collections.Frozen;

namespace Mail.Server.Auth;

/// <summary>The Public Suffix List (publicsuffix.org) and the organisational domain DMARC derives from it (RFC 7489
/// 3.2): the public suffix of a name plus one label. The list comes from a file (Debian's <c>publicsuffix</c>
/// package); without one, a small built-in list covers the generic top-level domains (by the "*" default rule) and
/// the second-level suffixes of .vn and a few other countries, which is enough for edu.vn schools but wrong for
/// registries it does not name (a.b.example.xx would be taken as organisation b.example.xx's own).</summary>
public sealed class PublicSuffixList
{
    /// <summary>The suffixes used when the list file is missing (the "*" rule covers every single-label TLD).</summary>
    internal static readonly string[] BuiltIn =
    [
        "com.vn", "net.vn", "org.vn", "edu.vn", "gov.vn", "int.vn", "ac.vn", "biz.vn", "info.vn", "name.vn", "pro.vn", "health.vn",
        "co.uk", "org.uk", "ac.uk", "gov.uk", "com.au", "edu.au", "gov.au", "co.jp", "ac.jp", "com.cn", "edu.cn", "gov.cn",
        "com.sg", "edu.sg", "gov.sg", "co.kr", "ac.kr", "com.tw", "edu.tw", "co.th", "ac.th", "com.my", "edu.my",
    ];

    private readonly FrozenSet<string> _rules;
    private readonly FrozenSet<string> _wildcards;
    private readonly FrozenSet<string> _exceptions;

    private PublicSuffixList(IEnumerable<string> lines, bool fromFile)
    {
        var rules = new List<string>();
        var wildcards = new List<string>();
        var exceptions = new List<string>();
        foreach (var raw in lines)
        {
            // Rules are the first whitespace-free word of a line; "//" starts a comment.
            var line = raw.Trim();
            var end = line.IndexOfAny([' ', '\t']);
            var rule = (end < 0 ? line : line[..end]).ToLowerInvariant();
            if (rule.Length == 0 || rule.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            if (rule.StartsWith('!'))
            {
                exceptions.Add(rule[1..]);
            }
            else if (rule.StartsWith("*.", StringComparison.Ordinal))
            {
                wildcards.Add(rule[2..]);
            }
            else
            {
                rules.Add(rule);
            }
        }

        _rules = rules.ToFrozenSet(StringComparer.Ordinal);
        _wildcards = wildcards.ToFrozenSet(StringComparer.Ordinal);
        _exceptions = exceptions.ToFrozenSet(StringComparer.Ordinal);
        FromFile = fromFile;
    }

    /// <summary>True when the rules came from the file, false for the built-in fallback.</summary>
    public bool FromFile { get; }

    /// <summary>How many rules were loaded.</summary>
    public int Count => _rules.Count + _wildcards.Count + _exceptions.Count;

    /// <summary>Loads <paramref name="path"/> (UTF-8, the publicsuffix.org format), or the built-in list when the
    /// file does not exist or cannot be read.</summary>
    public static PublicSuffixList Load(string path)
    {
        try
        {
            if (File.Exists(path))
            {
                return new PublicSuffixList(File.ReadLines(path), fromFile: true);
            }
        }
        catch (IOException)
        {
            // Unreadable: fall through to the built-in list, as for a missing file.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }

        return new PublicSuffixList(BuiltIn, fromFile: false);
    }

    /// <summary>The organisational domain of <paramref name="domain"/> (lower case, without a trailing dot): its
    /// public suffix plus one label, or the name itself when it is a public suffix or has one label.</summary>
    public string OrganizationalDomain(string domain)
    {
        var name = domain.TrimEnd('.').ToLowerInvariant();
        var labels = name.Split('.');
        var suffixLabels = 1;

        // The longest matching rule wins; an exception rule's suffix is the rule minus its first label.
        for (var take = labels.Length; take >= 1; take--)
        {
            var candidate = string.Join('.', labels, labels.Length - take, take);
            if (_exceptions.Contains(candidate))
            {
                suffixLabels = take - 1;
                break;
            }

            var parent = take > 1 ? string.Join('.', labels, labels.Length - take + 1, take - 1) : null;
            if (_rules.Contains(candidate) || (parent is not null && _wildcards.Contains(parent)))
            {
                suffixLabels = take;
                break;
            }
        }

        return suffixLabels >= labels.Length ? name : string.Join('.', labels, labels.Length - suffixLabels - 1, suffixLabels + 1);
    }
}
