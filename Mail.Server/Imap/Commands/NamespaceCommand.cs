using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>NAMESPACE (RFC 2342): one personal namespace with "/" as separator; no shared or other users'.</summary>
internal sealed class NamespaceCommand : IImapCommand
{
    public string Name => "NAMESPACE";

    public ImapState AllowedIn => ImapState.LoggedIn;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        session.Output.Untagged("NAMESPACE ((\"\" \"/\")) NIL NIL");
        return Task.FromResult(ImapCompletion.Ok("NAMESPACE completed"));
    }
}
