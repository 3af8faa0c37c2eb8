using System.Buffers;
using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>Sends a stored message for RETR and TOP: streamed from its body file through a fixed buffer, dot-stuffed,
/// each chunk flushed before the next is read, so a large message never sits in memory and a slow reader holds
/// nothing but its socket. Progress restarts the idle deadline.</summary>
internal static class MessageTransfer
{
    private const int ChunkSize = 64 * 1024;

    /// <summary>Answers with <paramref name="firstLine"/> and the message (all of it, or its header and
    /// <paramref name="bodyLines"/> body lines), or -ERR when the message is gone from the store.</summary>
    public static async Task SendAsync(Pop3Session session, MaildropMessage message, string firstLine, int? bodyLines, CancellationToken cancellationToken)
    {
        var body = session.Maildrop.OpenBody(message);
        if (body is null)
        {
            await session.ReplyAsync($"-ERR message {message.Number} was removed by another session", cancellationToken).ConfigureAwait(false);
            return;
        }

        await using (body.ConfigureAwait(false))
        {
            var connection = session.Connection;
            connection.WriteLine(firstLine);
            var writer = new DotStuffingWriter(connection.Output, bodyLines);
            var buffer = ArrayPool<byte>.Shared.Rent(ChunkSize);
            try
            {
                int read;
                while (!writer.IsFull && (read = await body.ReadAsync(buffer.AsMemory(0, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
                {
                    writer.Write(buffer.AsSpan(0, read));
                    await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                    session.KeepAlive();
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }

            writer.Complete();
            await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
