using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>LOGOUT (RFC 9051 6.1.3).</summary>
internal sealed class LogoutCommand : IImapCommand
{
    public string Name => "LOGOUT";

    public ImapState AllowedIn => ImapState.Any;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        session.Output.Untagged("BYE logging out");
        session.State = ImapState.Logout;
        return Task.FromResult(ImapCompletion.Ok("LOGOUT completed"));
    }
}
