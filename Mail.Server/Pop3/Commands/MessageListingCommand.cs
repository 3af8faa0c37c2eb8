using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>The shape LIST and UIDL share (RFC 1939 section 5 and 7): with a message number, one "+OK n value" line;
/// without, a multi-line listing of every message not marked deleted. Each says only what its value is.</summary>
internal abstract class MessageListingCommand : IPop3Command
{
    // Sends a long listing in parts, so a maildrop of many thousand messages is not one buffer.
    private const int LinesPerFlush = 1000;

    public Pop3State ValidIn => Pop3State.Transaction;

    /// <summary>The command's usage, for a malformed request.</summary>
    protected abstract string Usage { get; }

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        var maildrop = session.Maildrop;
        switch (request.Arguments)
        {
            case []:
                var connection = session.Connection;
                connection.WriteLine(Heading(maildrop));
                var lines = 0;
                foreach (var message in maildrop.Present)
                {
                    connection.WriteLine($"{message.Number} {Value(maildrop, message)}");
                    if (++lines % LinesPerFlush == 0)
                    {
                        await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                        session.KeepAlive();
                    }
                }

                connection.WriteLine(".");
                await connection.FlushAsync(cancellationToken).ConfigureAwait(false);
                break;
            case [var argument]:
                if (await MessageArgument.ResolveAsync(session, argument, cancellationToken).ConfigureAwait(false) is { } found)
                {
                    await session.ReplyAsync($"+OK {found.Number} {Value(maildrop, found)}", cancellationToken).ConfigureAwait(false);
                }

                break;
            default:
                await session.RejectAsync($"-ERR usage: {Usage}", cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    /// <summary>The first line of the multi-line listing.</summary>
    protected abstract string Heading(Maildrop maildrop);

    /// <summary>What the listing says about one message.</summary>
    protected abstract string Value(Maildrop maildrop, MaildropMessage message);
}
