using System.Globalization;
using Mail.Server.Imap.Protocol;
using Mail.Server.Store;

namespace Mail.Server.Imap.Commands;

/// <summary>Writes the FETCH items that come from a message's content: the whole message and its header or text,
/// with partial ranges, streamed from the body file.</summary>
internal sealed class FetchContent(ImapSession session, MessageRow row)
{
    private long? _headerLength;

    public async Task WriteAsync(FetchItem item, CancellationToken cancellationToken)
    {
        var (name, section) = item.Name switch
        {
            "RFC822" => ("RFC822", string.Empty),
            "RFC822.HEADER" => ("RFC822.HEADER", "HEADER"),
            "RFC822.TEXT" => ("RFC822.TEXT", "TEXT"),
            _ => (item.ResponseName, item.Section ?? throw new ImapNoException($"[CANNOT] {item.Name} is not available yet")),
        };

        var (start, length) = section switch
        {
            "" => (0L, row.Size),
            "HEADER" => (0L, HeaderLength()),
            "TEXT" => (HeaderLength(), row.Size - HeaderLength()),
            _ => throw new ImapNoException($"[CANNOT] section {section} is not available yet"),
        };

        if (item.Offset is { } offset)
        {
            var count = item.Count ?? long.MaxValue;
            start += Math.Min(offset, length);
            length = Math.Max(0, Math.Min(count, length - offset));
        }

        session.Output.Write(name + " ");
        await using var file = session.Services.Store.Bodies.OpenRead(row.Hash);
        file.Seek(start, SeekOrigin.Begin);
        await session.Output.WriteLiteralAsync(file, length, binary: false, cancellationToken).ConfigureAwait(false);
    }

    // The header section ends after the first empty line (CRLF CRLF), or the whole message when there is none.
    private long HeaderLength()
    {
        if (_headerLength is { } known)
        {
            return known;
        }

        using var file = session.Services.Store.Bodies.OpenRead(row.Hash);
        var buffer = new byte[64 * 1024];
        long position = 0;
        var previous = new byte[3];
        int read;
        while ((read = file.Read(buffer, 0, buffer.Length)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] == (byte)'\n' && previous[2] == (byte)'\r' && previous[1] == (byte)'\n' && previous[0] == (byte)'\r')
                {
                    _headerLength = position + i + 1;
                    return _headerLength.Value;
                }

                (previous[0], previous[1], previous[2]) = (previous[1], previous[2], buffer[i]);
            }

            position += read;
        }

        _headerLength = row.Size;
        return row.Size;
    }

    public override string ToString() => row.Uid.ToString(CultureInfo.InvariantCulture);
}
