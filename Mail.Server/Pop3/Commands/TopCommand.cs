using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>TOP msg n (RFC 1939 section 7): the header, the blank line and the first n lines of the body.</summary>
internal sealed class TopCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Transaction;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (request.Arguments is not [var argument, var count] || !MessageNumber.TryParseCount(count, out var lines))
        {
            await session.RejectAsync("-ERR usage: TOP message lines", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await MessageArgument.ResolveAsync(session, argument, cancellationToken).ConfigureAwait(false) is { } message)
        {
            await MessageTransfer.SendAsync(session, message, "+OK top of message follows", lines, cancellationToken).ConfigureAwait(false);
        }
    }
}
