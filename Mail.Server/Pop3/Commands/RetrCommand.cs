using System.Globalization;
using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>RETR msg (RFC 1939 section 5): the whole message, byte for byte as stored, dot-stuffed.</summary>
internal sealed class RetrCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Transaction;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        if (request.Arguments is not [var argument])
        {
            await session.RejectAsync("-ERR usage: RETR message", cancellationToken).ConfigureAwait(false);
            return;
        }

        if (await MessageArgument.ResolveAsync(session, argument, cancellationToken).ConfigureAwait(false) is { } message)
        {
            var firstLine = string.Create(CultureInfo.InvariantCulture, $"+OK {message.Size} octets");
            await MessageTransfer.SendAsync(session, message, firstLine, bodyLines: null, cancellationToken).ConfigureAwait(false);
        }
    }
}
