using Mail.Server.Pop3.Protocol;
using Mail.Server.Pop3.Session;
using Microsoft.Data.Sqlite;

namespace Mail.Server.Pop3.Commands;

/// <summary>QUIT (RFC 1939 sections 4 and 6): after login it is the UPDATE state, where the messages marked with DELE
/// leave the INBOX in one store transaction; then the session ends.</summary>
internal sealed class QuitCommand : IPop3Command
{
    public Pop3State ValidIn => Pop3State.Authorization | Pop3State.Transaction;

    public async Task ExecuteAsync(Pop3Session session, Pop3Request request, CancellationToken cancellationToken)
    {
        session.End();
        var hostname = session.Options.Hostname;
        if (session.State == Pop3State.Authorization)
        {
            await session.ReplyAsync($"+OK {hostname} POP3 signing off", cancellationToken).ConfigureAwait(false);
            return;
        }

        var maildrop = session.Maildrop;
        try
        {
            var deleted = maildrop.CommitDeletions();
            if (deleted > 0)
            {
                session.Logger.MessagesDeleted(maildrop.Account, deleted);
            }
        }
        catch (Exception ex) when (ex is SqliteException or IOException)
        {
            session.Logger.DeletionFailed(maildrop.Account, ex.Message);
            await session.ReplyAsync("-ERR [SYS/TEMP] some deleted messages not removed", cancellationToken).ConfigureAwait(false);
            return;
        }

        await session.ReplyAsync($"+OK {hostname} POP3 signing off ({maildrop.Count} messages left)", cancellationToken).ConfigureAwait(false);
    }
}
