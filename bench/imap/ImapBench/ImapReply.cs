namespace ImapBench;

/// <summary>What one command got back: the tagged completion and the counts the benchmark checks.</summary>
internal sealed class ImapReply
{
    /// <summary>The command as sent, without its tag (for error reports).</summary>
    public string Command { get; set; } = "";

    /// <summary>OK, NO or BAD from the tagged line.</summary>
    public string Status { get; set; } = "";

    /// <summary>The tagged completion line (or the continuation / greeting line).</summary>
    public string Text { get; set; } = "";

    /// <summary>Untagged <c>* n FETCH</c> responses.</summary>
    public int Fetches { get; set; }

    /// <summary>Octets of all literals in the responses.</summary>
    public long LiteralOctets { get; set; }

    /// <summary>The last <c>* n EXISTS</c>, or -1.</summary>
    public int Exists { get; set; } = -1;

    /// <summary>A continuation request (<c>+</c>) arrived.</summary>
    public bool Continued { get; set; }

    /// <summary>An untagged BYE arrived.</summary>
    public bool Bye { get; set; }

    /// <summary>The untagged responses as text, only when the command asked to keep them.</summary>
    public List<string> Lines { get; } = [];

    public bool Ok => Status == "OK";

    /// <summary>Throws an <see cref="ImapBenchException"/> that quotes the command and the server's answer unless OK.</summary>
    public ImapReply EnsureOk(string what)
    {
        if (!Ok)
        {
            throw new ImapBenchException($"{what}: {Text}");
        }

        return this;
    }

    /// <summary>The numbers of the untagged <c>* SEARCH</c> responses (kept lines only).</summary>
    public List<long> SearchResults()
    {
        var numbers = new List<long>();
        foreach (var line in Lines)
        {
            if (!line.StartsWith("* SEARCH", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            foreach (var word in line.AsSpan(8).Trim().ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (long.TryParse(word, System.Globalization.CultureInfo.InvariantCulture, out var n))
                {
                    numbers.Add(n);
                }
            }
        }

        return numbers;
    }
}
