using Mail.Server.Imap.Fetch;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>Writes the FETCH items that come from one message's content: ENVELOPE, BODYSTRUCTURE, BODY and the
/// sections, from the structure cached at delivery and the body file (opened once, only when a section needs it).
/// <paramref name="prefetched"/> gives the analysis the command read for many messages at once, if it did.</summary>
internal sealed class FetchContent(ImapSession session, MessageRow row, Func<long, MessageAnalysis?> prefetched) : IAsyncDisposable
{
    private MessageAnalysis? _analysis;
    private Stream? _file;
    private SectionReader? _reader;

    /// <summary>Refuses the whole FETCH before anything is written when a BINARY item asks for a transfer encoding
    /// the server cannot decode (RFC 3516: NO [UNKNOWN-CTE]).</summary>
    public async Task CheckBinaryAsync(IEnumerable<FetchItem> items, CancellationToken cancellationToken)
    {
        foreach (var item in items.Where(i => i.Body is { Kind: not (FetchBodyItemKind.Body or FetchBodyItemKind.BodyPeek) }))
        {
            var reader = await ReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!reader.CanDecode(item.Body!.Section))
            {
                throw new ImapNoException("[UNKNOWN-CTE] the part's content transfer encoding cannot be decoded");
            }
        }
    }

    public async Task WriteAsync(FetchItem item, CancellationToken cancellationToken)
    {
        var output = session.Output;
        switch (item.Name)
        {
            case "ENVELOPE":
                output.Write("ENVELOPE "u8);
                output.Write(session.Services.Formatted.Get(row.Hash, FormattedAnalysisCache.FormattedItem.Envelope, session.Utf8, Analysis));
                return;
            case "BODYSTRUCTURE":
                output.Write("BODYSTRUCTURE "u8);
                output.Write(session.Services.Formatted.Get(row.Hash, FormattedAnalysisCache.FormattedItem.BodyStructure, session.Utf8, Analysis));
                return;
            case "BODY" when item.Body is null:
                output.Write("BODY "u8);
                output.Write(session.Services.Formatted.Get(row.Hash, FormattedAnalysisCache.FormattedItem.Body, session.Utf8, Analysis));
                return;
        }

        var body = item.Body!;
        if (SectionReader.IsWholeMessage(body))
        {
            using var whole = SectionReader.WholeMessage(File(), body.Partial);
            output.Write(item.ResponseName + " ");
            await output.WriteLiteralAsync(whole.Content, whole.Length, binary: false, cancellationToken).ConfigureAwait(false);
            return;
        }

        var reader = await ReaderAsync(cancellationToken).ConfigureAwait(false);
        output.Write(item.ResponseName + " ");
        if (body.Kind == FetchBodyItemKind.BinarySize)
        {
            output.Write((await reader.BinarySizeAsync(body.Section, cancellationToken).ConfigureAwait(false)).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return;
        }

        using var content = await reader.ReadAsync(body, cancellationToken).ConfigureAwait(false);
        await output.WriteLiteralAsync(content.Content, content.Length, binary: body.IsBinary, cancellationToken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (_file is not null)
        {
            await _file.DisposeAsync().ConfigureAwait(false);
        }
    }

    private MessageAnalysis Analysis() =>
        _analysis ??= prefetched(row.Uid) ?? session.Services.Store.Index.Message(session.Selected!.Info.Id, row.Uid)?.Analysis
            ?? throw new ImapNoException("[EXPUNGEISSUED] the message was expunged meanwhile");

    private async ValueTask<SectionReader> ReaderAsync(CancellationToken cancellationToken)
    {
        if (_reader is null)
        {
            var structure = Analysis().Structure;
            _reader = await SectionReader.OpenAsync(File(), structure, null, cancellationToken).ConfigureAwait(false);
        }

        return _reader;
    }

    private Stream File() => _file ??= session.Services.Store.Bodies.OpenRead(row.Hash);
}
