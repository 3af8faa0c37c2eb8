using System.Buffers;
using System.IO.Pipelines;

namespace Mail.Server.Pop3.Protocol;

/// <summary>Reads the client's lines from a <see cref="PipeReader"/> with a length limit per call. A line over the
/// limit is consumed as it arrives and reported once its end is seen, so a client cannot make us buffer more than
/// the limit plus one read. A bare LF ends a line too: POP3 clients are forgiven that, it carries no risk here.</summary>
internal sealed class Pop3LineReader(PipeReader reader)
{
    /// <summary>Returns the next line of at most <paramref name="limit"/> octets counting its line ending.</summary>
    public async ValueTask<Pop3Line> ReadLineAsync(int limit, CancellationToken cancellationToken)
    {
        var discarding = false;
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (buffer.PositionOf((byte)'\n') is { } end)
            {
                var line = buffer.Slice(0, end);
                var outcome = discarding || line.Length + 1 > limit ? Pop3Line.TooLong : new Pop3Line(Pop3LineKind.Line, WithoutCarriageReturn(line));
                reader.AdvanceTo(buffer.GetPosition(1, end));
                return outcome;
            }

            if (result.IsCompleted || result.IsCanceled)
            {
                reader.AdvanceTo(buffer.End);
                return Pop3Line.Closed;
            }

            if (buffer.Length >= limit)
            {
                discarding = true;
                reader.AdvanceTo(buffer.End);
                continue;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private static byte[] WithoutCarriageReturn(ReadOnlySequence<byte> line)
    {
        var bytes = line.ToArray();
        return bytes.Length > 0 && bytes[^1] == (byte)'\r' ? bytes[..^1] : bytes;
    }
}
