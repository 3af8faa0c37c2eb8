namespace Mail.Server.Net;

/// <summary>A protocol (IMAP, POP3) served on connections accepted by <see cref="TcpServer"/>.</summary>
public interface IConnectionHandler
{
    /// <summary>Serves one client until it leaves or <paramref name="cancellationToken"/> asks to stop; the server
    /// disposes the connection afterwards.</summary>
    Task HandleAsync(ClientConnection connection, CancellationToken cancellationToken);
}
