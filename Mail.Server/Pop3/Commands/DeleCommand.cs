using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>DELE msg (RFC 1939 section 5): marks a message; it leaves the store only at QUIT.</summary>
internal sealed class DeleCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Transaction;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (request.Arguments is not [var argument])
        {
            await session.RejectAsync("-ERR usage: DELE message", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await MessageArgument.ResolveAsync(session, argument, cancellationToken).ConfigureAwait(false) is { } message)
        {
            session.Maildrop.Delete(message);
            await session.ReplyAsync($"+OK message {message.Number} deleted", cancellationToken).ConfigureAwait(false);
        }
    }
}
