using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;

namespace Mail.Server.Pop3.Commands;

/// <summary>The message-number argument of LIST, UIDL, RETR, TOP and DELE, resolved against the session's maildrop.</summary>
internal static class MessageArgument
{
    /// <summary>The message <paramref name="argument"/> names; null after answering -ERR when it names none that may be used.</summary>
    public static async ValueTask<MaildropMessage?> ResolveAsync(Pop3Session session, string argument, CancellationToken cancellationToken)
    {
        if (!MessageNumber.TryParse(argument, out var number))
        {
            await session.RejectAsync("-ERR invalid message number", cancellationToken).ConfigureAwait(false);
            return null;
        }

        var (outcome, message) = session.Maildrop.Find(number);
        switch (outcome)
        {
            case MaildropLookup.Found:
                return message;
            case MaildropLookup.Deleted:
                await session.ReplyAsync($"-ERR message {argument} is deleted", cancellationToken).ConfigureAwait(false);
                return null;
            default:
                await session.ReplyAsync("-ERR no such message", cancellationToken).ConfigureAwait(false);
                return null;
        }
    }
}
