using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>LOGIN user password (RFC 9051 6.2.3).</summary>
internal sealed class LoginCommand : IImapCommand
{
    public string Name => "LOGIN";

    public ImapState AllowedIn => ImapState.NotAuthenticated;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (command.Arguments.Count != 2 || command.Arguments.Any(a => a.Kind == ImapTokenKind.List))
        {
            throw new ImapSyntaxException("LOGIN needs a user name and a password");
        }

        return ImapLogin.TryAsync(session, command.Arguments[0].Text, command.Arguments[1].Text, cancellationToken);
    }
}
