using Mail.Server.Imap.Commands;
using Mail.Server.Net;

namespace Mail.Server.Imap;

/// <summary>Serves IMAP on connections from a <see cref="TcpServer"/>: one <see cref="ImapSession"/> each.</summary>
internal sealed class ImapConnectionHandler(ImapServices services, bool offersStartTls) : IConnectionHandler
{
    private static readonly ImapCommandSet Commands = new(
    [
        new CapabilityCommand(), new NoopCommand("NOOP"), new NoopCommand("CHECK"), new LogoutCommand(), new StartTlsCommand(),
        new LoginCommand(), new AuthenticateCommand(), new EnableCommand(), new IdCommand(), new NamespaceCommand(),
        new ListCommand(lsub: false), new ListCommand(lsub: true), new StatusCommand(), new CreateCommand(), new DeleteCommand(),
        new RenameCommand(), new SubscribeCommand(subscribe: true), new SubscribeCommand(subscribe: false),
        new SelectCommand(readOnly: false), new SelectCommand(readOnly: true), new CloseCommand(expunge: true), new CloseCommand(expunge: false),
        new ExpungeCommand(), new IdleCommand(), new StoreCommand(), new CopyCommand(move: false), new CopyCommand(move: true),
        new AppendCommand(), new SearchCommand(), new QuotaCommand("GETQUOTAROOT"), new QuotaCommand("GETQUOTA"), new QuotaCommand("SETQUOTA"), new CompressCommand(), new FetchCommand(),
        new SortCommand(), new ThreadCommand(),
    ]);

    public async Task HandleAsync(ClientConnection connection, CancellationToken cancellationToken)
    {
        using var session = new ImapSession(connection, services, Commands, offersStartTls && !connection.IsSecure);
        await session.RunAsync(cancellationToken).ConfigureAwait(false);
    }
}
