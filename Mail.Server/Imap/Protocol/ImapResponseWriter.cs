using System.Buffers;
using System.IO.Pipelines;
using System.Text;

namespace Mail.Server.Imap.Protocol;

/// <summary>Buffers a session's responses and sends them on <see cref="FlushAsync"/> (once per command, so a FETCH of
/// many messages leaves in few writes). Large literals are copied from their stream without being buffered.</summary>
public sealed class ImapResponseWriter(PipeWriter output)
{
    private const int SynchronousReadLimit = 256 * 1024;

    /// <summary>Where complex responses (FETCH items) are built.</summary>
    public IBufferWriter<byte> Buffer => output;

    /// <summary>Writes text (UTF-8) as it is.</summary>
    public void Write(string text)
    {
        var span = output.GetSpan(Encoding.UTF8.GetMaxByteCount(text.Length));
        output.Advance(Encoding.UTF8.GetBytes(text, span));
    }

    /// <summary>Writes octets as they are.</summary>
    public void Write(ReadOnlySpan<byte> octets) => output.Write(octets);

    /// <summary>Writes "* text" CRLF.</summary>
    public void Untagged(string text)
    {
        Write("* ");
        Write(text);
        Write("\r\n"u8);
    }

    /// <summary>Writes the tagged completion "tag OK|NO|BAD text" CRLF.</summary>
    public void Tagged(string tag, string status, string text)
    {
        Write(tag);
        Write(" ");
        Write(status);
        Write(" ");
        Write(text);
        Write("\r\n"u8);
    }

    /// <summary>Writes a continuation request "+ text" CRLF.</summary>
    public void Continuation(string text)
    {
        Write("+ ");
        Write(text);
        Write("\r\n"u8);
    }

    /// <summary>Sends everything buffered.</summary>
    public async ValueTask FlushAsync(CancellationToken cancellationToken) =>
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);

    /// <summary>Writes a literal header for <paramref name="length"/> octets, then copies them from
    /// <paramref name="content"/> (which must hold at least that many).</summary>
    public async ValueTask WriteLiteralAsync(Stream content, long length, bool binary, CancellationToken cancellationToken)
    {
        Write((binary ? "~{" : "{") + length.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}\r\n");
        var remaining = length;
        while (remaining > 0)
        {
            var memory = output.GetMemory((int)Math.Min(remaining, 64 * 1024));
            var chunk = memory[..(int)Math.Min(remaining, memory.Length)];

            // File reads are thread-pool work items on Linux whichever API is used; the tail of a message (all of a
            // typical one) is read in place, which costs less than handing it to another thread and back.
            var read = remaining <= SynchronousReadLimit ? content.Read(chunk.Span) : await content.ReadAsync(chunk, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                throw new IOException("the message file ended before its recorded size");
            }

            output.Advance(read);
            remaining -= read;
            if (output.UnflushedBytes > 256 * 1024)
            {
                await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
