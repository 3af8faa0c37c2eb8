using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Mail.Server.Store;
using MimeKit.Encodings;

namespace Mail.Server.Imap.Fetch;

/// <summary>Serves the FETCH sections of one stored message from its file by the offsets cached at delivery:
/// BODY[section] is a range of the file (HEADER.FIELDS a filtered copy of one), BINARY[part] the part decoded; no
/// section parses the message again.</summary>
/// <remarks>
/// The session opens the body file (<c>store.Bodies.OpenRead(hash)</c>), creates one reader per message with
/// <see cref="OpenAsync"/>, and for each section item writes <see cref="SectionContent.Length"/> as the literal's
/// length, copies <see cref="SectionContent.Content"/>, disposes the content, and disposes the file after the
/// message's last item. A part that does not exist, or HEADER/TEXT after a part that is no message/rfc822, is an
/// empty string (as in Dovecot).
/// </remarks>
internal sealed class SectionReader
{
    private const int CountingChunk = 64 * 1024;

    private readonly Stream _message;
    private readonly long _length;
    private readonly SectionReaderOptions _options;
    private readonly Dictionary<CachedPart, long> _decodedSizes = new(ReferenceEqualityComparer.Instance);

    private SectionReader(Stream message, CachedPart structure, SectionReaderOptions options)
    {
        _message = message;
        _length = message.Length;
        Structure = structure;
        _options = options;
    }

    /// <summary>The part tree sections are read by (re-analysed when the cached one predates offsets).</summary>
    public CachedPart Structure { get; }

    /// <summary>Reads sections of <paramref name="message"/> (seekable; the caller keeps and disposes it) whose
    /// cached structure is <paramref name="structure"/>. A structure cached before offsets were kept is rebuilt by
    /// parsing the message once here.</summary>
    public static async ValueTask<SectionReader> OpenAsync(Stream message, CachedPart structure, SectionReaderOptions? options, CancellationToken cancellationToken)
    {
        if (!message.CanSeek)
        {
            throw new ArgumentException("the message stream must be seekable", nameof(message));
        }

        if (!HasOffsetsThroughout(structure))
        {
            message.Position = 0;
            structure = (await MessageAnalyzer.AnalyzeAsync(message, cancellationToken).ConfigureAwait(false)).Structure;
        }

        return new SectionReader(message, structure, options ?? SectionReaderOptions.Default);
    }

    /// <summary>BODY[]&lt;partial&gt; of <paramref name="message"/>: the stored file itself, which needs no structure
    /// (the item clients that download whole messages ask for, mbsync once per message).</summary>
    public static SectionContent WholeMessage(Stream message, FetchPartial? partial)
    {
        var (skip, take) = partial?.Apply(message.Length) ?? (0, message.Length);
        return SectionContent.FromMessage(message, skip, take);
    }

    /// <summary>True when <paramref name="item"/> is BODY[] or BODY.PEEK[] (or RFC822), which <see cref="WholeMessage"/>
    /// serves.</summary>
    public static bool IsWholeMessage(FetchBodyItem item) =>
        item.Kind is FetchBodyItemKind.Body or FetchBodyItemKind.BodyPeek && item.Section is { Part.Count: 0, Text: FetchSectionText.None };

    /// <summary>The content of a BODY, BODY.PEEK, BINARY or BINARY.PEEK item (not BINARY.SIZE: see
    /// <see cref="BinarySizeAsync"/>).</summary>
    public ValueTask<SectionContent> ReadAsync(FetchBodyItem item, CancellationToken cancellationToken) =>
        item.Kind == FetchBodyItemKind.BinarySize
            ? throw new ArgumentException("BINARY.SIZE has a number, not content", nameof(item))
            : item.IsBinary
                ? ReadBinaryAsync(item.Section, item.Partial, cancellationToken)
                : ReadAsync(item.Section, item.Partial, cancellationToken);

    /// <summary>The octets of BODY[section]&lt;partial&gt; exactly as stored.</summary>
    public async ValueTask<SectionContent> ReadAsync(FetchSection section, FetchPartial? partial, CancellationToken cancellationToken)
    {
        var root = Structure;
        if (section.Part.Count == 0)
        {
            // The top level: the message header is the top-level part's header; its text runs to the end of the file.
            return section.Text switch
            {
                FetchSectionText.None => Range(0, _length, partial),
                FetchSectionText.Header => Range(0, BodyStart(root), partial),
                FetchSectionText.Text => Range(BodyStart(root), _length, partial),
                FetchSectionText.HeaderFields or FetchSectionText.HeaderFieldsNot =>
                    await FilterAsync(0, BodyStart(root), section, partial, cancellationToken).ConfigureAwait(false),
                _ => SectionContent.Empty,
            };
        }

        if (PartLocator.Find(root, section.Part) is not { } part)
        {
            return SectionContent.Empty;
        }

        if (section.Text == FetchSectionText.None)
        {
            return Range(BodyStart(part), End(part), partial);
        }

        if (section.Text == FetchSectionText.Mime)
        {
            return Range(HeaderStart(part), BodyStart(part), partial);
        }

        if (!part.IsEncapsulatedMessage)
        {
            // HEADER and TEXT after part numbers need a message/rfc822 part (RFC 9051 6.4.5); Dovecot answers "".
            return SectionContent.Empty;
        }

        var inner = part.Children[0];
        return section.Text switch
        {
            FetchSectionText.Header => Range(HeaderStart(inner), BodyStart(inner), partial),
            FetchSectionText.Text => Range(BodyStart(inner), End(part), partial),
            _ => await FilterAsync(HeaderStart(inner), BodyStart(inner), section, partial, cancellationToken).ConfigureAwait(false),
        };
    }

    /// <summary>False when BINARY of <paramref name="section"/> must fail with NO [UNKNOWN-CTE] (RFC 3516 4.3); the
    /// session checks every BINARY item of a message before it starts the message's FETCH response.</summary>
    public bool CanDecode(FetchSection section) =>
        section.Part.Count == 0 || PartLocator.Find(Structure, section.Part) is not { } part || part.IsMultipart || TransferDecoding.IsKnown(part.TransferEncoding);

    /// <summary>The octets of BINARY[section]&lt;partial&gt;: the part with its Content-Transfer-Encoding undone.
    /// BINARY[] is the whole message as stored, a multipart (whose encoding can only be an identity) its octets as
    /// stored. Throws <see cref="ImapNoException"/> [UNKNOWN-CTE] for an encoding it cannot undo (see
    /// <see cref="CanDecode"/>).</summary>
    public async ValueTask<SectionContent> ReadBinaryAsync(FetchSection section, FetchPartial? partial, CancellationToken cancellationToken)
    {
        if (!TryBinaryTarget(section, out var part, out var decoder))
        {
            return part is null
                ? (section.Part.Count == 0 ? Range(0, _length, partial) : SectionContent.Empty)
                : Range(BodyStart(part), End(part), partial);
        }

        var encodedLength = End(part) - BodyStart(part);
        if (encodedLength <= _options.MaxBufferedDecode)
        {
            var buffer = ArrayPool<byte>.Shared.Rent(Math.Max(1, decoder.EstimateOutputLength((int)encodedLength)));
            try
            {
                var decoding = Decode(part, decoder, 0, long.MaxValue);
                int length;
                await using (decoding.ConfigureAwait(false))
                {
                    length = await ReadAllAsync(decoding, buffer, cancellationToken).ConfigureAwait(false);
                }

                _decodedSizes[part] = length;
                var (skip, take) = partial?.Apply(length) ?? (0, length);
                var content = SectionContent.FromRented(buffer, (int)skip, (int)take);
                buffer = null;
                return content;
            }
            finally
            {
                if (buffer is not null)
                {
                    ArrayPool<byte>.Shared.Return(buffer);
                }
            }
        }

        var size = await DecodedSizeAsync(part, cancellationToken).ConfigureAwait(false);
        var (from, count) = partial?.Apply(size) ?? (0, size);
        return count == 0 ? SectionContent.Empty : SectionContent.FromStream(Decode(part, decoder, from, count), count);
    }

    /// <summary>BINARY.SIZE[section]: the length BINARY[section] has (0 for a part that does not exist). Decoding is
    /// streamed to count it, never buffered. Throws <see cref="ImapNoException"/> [UNKNOWN-CTE] as
    /// <see cref="ReadBinaryAsync"/> does.</summary>
    public async ValueTask<long> BinarySizeAsync(FetchSection section, CancellationToken cancellationToken)
    {
        if (!TryBinaryTarget(section, out var part, out _))
        {
            return part is null ? (section.Part.Count == 0 ? _length : 0) : End(part) - BodyStart(part);
        }

        return await DecodedSizeAsync(part, cancellationToken).ConfigureAwait(false);
    }

    // OpenAsync made sure every part has its offsets.
    private static long HeaderStart(CachedPart part) => part.HeaderOffset.GetValueOrDefault();

    private static long BodyStart(CachedPart part) => part.BodyOffset.GetValueOrDefault();

    private static long End(CachedPart part) => part.EndOffset.GetValueOrDefault();

    private static bool HasOffsetsThroughout(CachedPart part)
    {
        if (!part.HasOffsets)
        {
            return false;
        }

        foreach (var child in part.Children)
        {
            if (!HasOffsetsThroughout(child))
            {
                return false;
            }
        }

        return true;
    }

    private static async ValueTask<int> ReadAllAsync(Stream source, byte[] buffer, CancellationToken cancellationToken)
    {
        var total = 0;
        int read;
        while (total < buffer.Length && (read = await source.ReadAsync(buffer.AsMemory(total), cancellationToken).ConfigureAwait(false)) > 0)
        {
            total += read;
        }

        return total;
    }

    // True with the part and a decoder when BINARY must decode; false when the octets go out as stored: the whole
    // message (part null with no part numbers), a missing part (part null), a multipart or an identity encoding.
    private bool TryBinaryTarget(FetchSection section, [NotNullWhen(true)] out CachedPart? part, [NotNullWhen(true)] out IMimeDecoder? decoder)
    {
        if (section.Text != FetchSectionText.None)
        {
            throw new ArgumentException("BINARY sections are part numbers only", nameof(section));
        }

        decoder = null;
        part = section.Part.Count == 0 ? null : PartLocator.Find(Structure, section.Part);
        if (part is null)
        {
            return false;
        }

        if (part.IsMultipart || TransferDecoding.IsIdentity(part.TransferEncoding))
        {
            return false;
        }

        decoder = TransferDecoding.CreateDecoder(part.TransferEncoding)
            ?? throw new ImapNoException($"[UNKNOWN-CTE] cannot decode the Content-Transfer-Encoding {part.TransferEncoding} of part {section.Spec}");
        return true;
    }

    private DecodingStream Decode(CachedPart part, IMimeDecoder decoder, long skip, long length)
    {
        var start = BodyStart(part);
        return new DecodingStream(new MessageSlice(_message, start, End(part) - start), decoder, skip, length);
    }

    private async ValueTask<long> DecodedSizeAsync(CachedPart part, CancellationToken cancellationToken)
    {
        if (_decodedSizes.TryGetValue(part, out var known))
        {
            return known;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(CountingChunk);
        try
        {
            long size = 0;
            var decoding = Decode(part, TransferDecoding.CreateDecoder(part.TransferEncoding)!, 0, long.MaxValue);
            await using (decoding.ConfigureAwait(false))
            {
                int read;
                while ((read = await decoding.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
                {
                    size += read;
                }
            }

            _decodedSizes[part] = size;
            return size;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private SectionContent Range(long start, long end, FetchPartial? partial)
    {
        end = Math.Min(end, _length);
        var length = Math.Max(0, end - start);
        var (skip, take) = partial?.Apply(length) ?? (0, length);
        return SectionContent.FromMessage(_message, start + skip, take);
    }

    private async ValueTask<SectionContent> FilterAsync(long start, long end, FetchSection section, FetchPartial? partial, CancellationToken cancellationToken)
    {
        var length = (int)Math.Clamp(Math.Min(end, _length) - start, 0, _options.MaxFilteredHeader);
        var header = ArrayPool<byte>.Shared.Rent(length);
        byte[]? output = null;
        try
        {
            _message.Position = start;
            await _message.ReadExactlyAsync(header.AsMemory(0, length), cancellationToken).ConfigureAwait(false);
            output = ArrayPool<byte>.Shared.Rent(HeaderFieldFilter.MaxOutputLength(length));
            var written = HeaderFieldFilter.Filter(header.AsSpan(0, length), section.Fields, section.Text == FetchSectionText.HeaderFieldsNot, output);
            var (skip, take) = partial?.Apply(written) ?? (0, written);
            var content = SectionContent.FromRented(output, (int)skip, (int)take);
            output = null;
            return content;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(header);
            if (output is not null)
            {
                ArrayPool<byte>.Shared.Return(output);
            }
        }
    }
}
