using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>NOOP and CHECK (RFC 9051 6.1.2; CHECK is NOOP in IMAP4rev2): the moment to report mailbox changes.</summary>
internal sealed class NoopCommand(string name) : IImapCommand
{
    public string Name => name;

    public ImapState AllowedIn => name == "CHECK" ? ImapState.Selected : ImapState.Any;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        await session.SynchronizeAsync(allowExpunge: true, cancellationToken).ConfigureAwait(false);
        return ImapCompletion.Ok($"{name} completed");
    }
}
