using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>IDLE (RFC 2177): changes to the selected mailbox are pushed as they happen (the store signals the
/// account's sessions) until the client sends DONE.</summary>
internal sealed class IdleCommand : IImapCommand
{
    public string Name => "IDLE";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 0)
        {
            throw new ImapSyntaxException("IDLE takes no arguments");
        }

        await session.SynchronizeAsync(allowExpunge: true, cancellationToken).ConfigureAwait(false);
        session.Output.Continuation("idling");
        await session.Output.FlushAsync(cancellationToken).ConfigureAwait(false);

        using var idle = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        idle.CancelAfter(ImapSession.IdleTimeout);
        var done = session.Reader.ReadRawLineAsync(64, idle.Token).AsTask();
        while (true)
        {
            using var waiting = CancellationTokenSource.CreateLinkedTokenSource(idle.Token);
            var changed = session.WaitForChangeAsync(waiting.Token);
            var first = await Task.WhenAny(done, changed).ConfigureAwait(false);
            if (first == done)
            {
                await waiting.CancelAsync().ConfigureAwait(false);
                await IgnoreCancellationAsync(changed).ConfigureAwait(false);
                break;
            }

            await changed.ConfigureAwait(false);
            await session.SynchronizeAsync(allowExpunge: true, cancellationToken).ConfigureAwait(false);
            await session.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        }

        string? line;
        try
        {
            line = await done.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            session.Output.Untagged("BYE idle for too long");
            session.State = ImapState.Logout;
            return ImapCompletion.AlreadySent;
        }

        if (line is null)
        {
            session.State = ImapState.Logout;
            return ImapCompletion.AlreadySent;
        }

        return string.Equals(line, "DONE", StringComparison.OrdinalIgnoreCase)
            ? ImapCompletion.Ok("IDLE terminated")
            : ImapCompletion.Bad("expected DONE");
    }

    private static async Task IgnoreCancellationAsync(Task task)
    {
        try
        {
            await task.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The wait was ended on purpose.
        }
    }
}
