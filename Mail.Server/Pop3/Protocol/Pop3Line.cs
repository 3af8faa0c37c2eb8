namespace Mail.Server.Pop3.Protocol;

/// <summary>One line from the client without its line ending, or why there is none.</summary>
internal readonly record struct Pop3Line(Pop3LineKind Kind, ReadOnlyMemory<byte> Bytes)
{
    /// <summary>The result for a line over the limit.</summary>
    public static Pop3Line TooLong => new(Pop3LineKind.TooLong, ReadOnlyMemory<byte>.Empty);

    /// <summary>The result for a connection closed by the client.</summary>
    public static Pop3Line Closed => new(Pop3LineKind.Closed, ReadOnlyMemory<byte>.Empty);
}
