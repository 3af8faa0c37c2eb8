using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>CAPABILITY (RFC 9051 6.1.1).</summary>
internal sealed class CapabilityCommand : IImapCommand
{
    public string Name => "CAPABILITY";

    public ImapState AllowedIn => ImapState.Any;

    public Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        session.Output.Untagged("CAPABILITY " + ImapCapabilities.For(session));
        return Task.FromResult(ImapCompletion.Ok("CAPABILITY completed"));
    }
}
