namespace Mail.Server.Auth;

/// <summary>Parses the tag=value lists that DKIM signatures and keys (RFC 6376 3.2) and DMARC records (RFC 7489 6.4)
/// are written in. The first occurrence of a tag wins; whitespace (folding included) is removed from values.</summary>
internal static class TagValueList
{
    /// <summary>The tags of <paramref name="text"/>, names compared by <paramref name="names"/>.</summary>
    public static Dictionary<string, string> Parse(string text, StringComparer names)
    {
        var tags = new Dictionary<string, string>(names);
        foreach (var part in text.Split(';'))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals > 0)
            {
                tags.TryAdd(part[..equals].Trim(), string.Concat(part[(equals + 1)..].Where(c => !char.IsWhiteSpace(c))));
            }
        }

        return tags;
    }
}
