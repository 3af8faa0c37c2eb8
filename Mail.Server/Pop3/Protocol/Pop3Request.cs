namespace Mail.Server.Pop3.Protocol;

/// <summary>One parsed command line: the command and the text after the keyword and its space. A class, not a record:
/// the tail of PASS or AUTH is a secret and must never show up in a ToString.</summary>
internal sealed class Pop3Request(Pop3Verb verb, string tail)
{
    /// <summary>The command.</summary>
    public Pop3Verb Verb { get; } = verb;

    /// <summary>Everything after the keyword and one space (PASS takes all of it, spaces included).</summary>
    public string Tail { get; } = tail;

    /// <summary>The space-separated arguments in <see cref="Tail"/>.</summary>
    public string[] Arguments => Tail.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
