namespace Mail.Server.Imap.Fetch;

/// <summary>How much of a message <see cref="SectionReader"/> may hold in memory for one section.</summary>
internal sealed record SectionReaderOptions
{
    /// <summary>The defaults.</summary>
    public static SectionReaderOptions Default { get; } = new();

    /// <summary>Encoded parts up to this size are decoded into a pooled buffer in one pass for BINARY; larger ones are
    /// decoded twice as they stream (once to learn the literal's length, once to send it).</summary>
    public int MaxBufferedDecode { get; init; } = 1024 * 1024;

    /// <summary>The most header octets HEADER.FIELDS[.NOT] filters; a header beyond it (a hostile message) is
    /// filtered on its first this-many octets only, as Postfix's header_size_limit cuts one.</summary>
    public int MaxFilteredHeader { get; init; } = 1024 * 1024;
}
