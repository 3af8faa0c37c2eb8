using Mail.Server.Imap.Protocol;

namespace Mail.Server.Imap.Commands;

/// <summary>STARTTLS (RFC 9051 6.2.1): the OK goes out in plain text, then the handshake; the client must ask for
/// CAPABILITY again.</summary>
internal sealed class StartTlsCommand : IImapCommand
{
    public string Name => "STARTTLS";

    public ImapState AllowedIn => ImapState.NotAuthenticated;

    public async Task<ImapCompletion> ExecuteAsync(ImapSession session, ImapCommandLine command, CancellationToken cancellationToken)
    {
        if (session.Connection.IsSecure || !session.OffersStartTls)
        {
            return ImapCompletion.Bad("TLS is already active");
        }

        session.Output.Tagged(command.Tag, "OK", "Begin TLS negotiation now");
        await session.Output.FlushAsync(cancellationToken).ConfigureAwait(false);
        await session.StartTlsAsync(cancellationToken).ConfigureAwait(false);
        return ImapCompletion.AlreadySent;
    }
}
