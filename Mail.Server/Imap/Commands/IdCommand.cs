using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>ID (RFC 2971): names the server, never its version.</summary>
internal sealed class IdCommand : IImapCommand
{
    public string Name => "ID";

    public ImapState AllowedIn => ImapState.Any;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 1 || (command.Arguments[0].Kind != ImapTokenKind.List && !command.Arguments[0].IsNil))
        {
            throw new ImapSyntaxException("ID needs a parameter list or NIL");
        }

        session.Output.Untagged("ID (\"name\" \"MailAppliance\")");
        return Task.FromResult(ImapCompletion.Ok("ID completed"));
    }
}
