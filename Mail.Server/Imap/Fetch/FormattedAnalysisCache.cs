using System.Buffers;
using System.Collections.Concurrent;
using Mail.Server.Store;

namespace Mail.Server.Imap.Fetch;

/// <summary>The ENVELOPE, BODYSTRUCTURE and BODY responses of bodies, formatted once and shared by every session:
/// a body never changes, so its responses never do, and a client listing a mailbox (or several devices of one
/// user) asks for the same ones again and again. Bounded by octets; when full it starts afresh, which costs one
/// more formatting per body and never a wrong answer.</summary>
internal sealed class FormattedAnalysisCache(long budgetOctets)
{
    private readonly ConcurrentDictionary<(string Hash, FormattedItem Item, bool Utf8), byte[]> _entries = new();
    private long _octets;

    /// <summary>What can be cached.</summary>
    public enum FormattedItem
    {
        Envelope,
        BodyStructure,
        Body,
    }

    /// <summary>The cached responses (for the statistics and the tests).</summary>
    public int Count => _entries.Count;

    /// <summary>The response for <paramref name="item"/> of the body <paramref name="hash"/>, formatted from
    /// <paramref name="analysis"/> on the first request (only then is the analysis read).</summary>
    public ReadOnlySpan<byte> Get(string hash, FormattedItem item, bool utf8Quoted, Func<MessageAnalysis> analysis)
    {
        var key = (hash, item, utf8Quoted);
        if (_entries.TryGetValue(key, out var cached))
        {
            return cached;
        }

        var buffer = new ArrayBufferWriter<byte>(512);
        var source = analysis();
        switch (item)
        {
            case FormattedItem.Envelope:
                EnvelopeFormatter.Write(buffer, source.Envelope, utf8Quoted);
                break;
            case FormattedItem.BodyStructure:
                BodyStructureFormatter.WriteBodyStructure(buffer, source.Structure, utf8Quoted);
                break;
            default:
                BodyStructureFormatter.WriteBody(buffer, source.Structure, utf8Quoted);
                break;
        }

        var formatted = buffer.WrittenSpan.ToArray();
        if (Interlocked.Add(ref _octets, formatted.Length + hash.Length) > budgetOctets)
        {
            _entries.Clear();
            Interlocked.Exchange(ref _octets, formatted.Length + hash.Length);
        }

        _entries.TryAdd(key, formatted);
        return formatted;
    }
}
