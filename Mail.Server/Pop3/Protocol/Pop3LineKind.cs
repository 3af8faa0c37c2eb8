namespace Mail.Server.Pop3.Protocol;

/// <summary>What <see cref="Pop3LineReader"/> found.</summary>
internal enum Pop3LineKind
{
    /// <summary>A complete line within the limit.</summary>
    Line,

    /// <summary>A line longer than the limit; its bytes were discarded up to and including its end.</summary>
    TooLong,

    /// <summary>The client closed its side before a complete line.</summary>
    Closed,
}
