using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Mail.Server.Security;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Net;

/// <summary>Accepts TCP clients on some endpoints for one protocol: each admitted through a
/// <see cref="ConnectionLimiter"/> (over a limit the client reads <c>Refusal</c> and is closed), upgraded to TLS
/// first on an implicit-TLS port, then served by the handler on its own task. Stopping closes the listeners,
/// cancels the sessions and waits for them.</summary>
public sealed class TcpServer(
    string name, IReadOnlyList<IPEndPoint> endpoints, bool implicitTls, X509Certificate2 certificate, ConnectionLimiter limiter,
    ReadOnlyMemory<byte> refusal, IConnectionHandler handler, ILogger logger) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<Task, bool> _sessions = new();
    private readonly List<TcpListener> _listeners = [];
    private readonly List<Task> _acceptLoops = [];

    /// <summary>The ports actually bound (useful when an endpoint asked for port 0).</summary>
    public IReadOnlyList<IPEndPoint> BoundEndpoints => _listeners.Select(l => (IPEndPoint)l.LocalEndpoint).ToArray();

    /// <summary>Binds every endpoint and starts accepting.</summary>
    public void Start()
    {
        foreach (var endpoint in endpoints)
        {
            var listener = new TcpListener(endpoint);

            // IPv6 sockets are v6-only so that "::" can have its IPv4 twin on the same port.
            if (endpoint.AddressFamily == AddressFamily.InterNetworkV6)
            {
                listener.Server.SetSocketOption(SocketOptionLevel.IPv6, SocketOptionName.IPv6Only, true);
            }

            listener.Start(512);
            _listeners.Add(listener);
            _acceptLoops.Add(AcceptAsync(listener, _stop.Token));
        }
    }

    /// <summary>Stops accepting, cancels every session and waits (bounded) for them to end.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        foreach (var listener in _listeners)
        {
            listener.Stop();
        }

        try
        {
            await Task.WhenAll(_acceptLoops.Concat(_sessions.Keys)).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is OperationCanceledException or TimeoutException or SocketException or ObjectDisposedException)
        {
            // Stopping: sessions that did not end in time are abandoned with the process.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync(TcpListener listener, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
            {
                return;
            }
            catch (SocketException ex)
            {
                // A client that reset before accept completed; keep serving the others.
                logger.AcceptFailed(name, ex.SocketErrorCode.ToString());
                continue;
            }

            var slot = limiter.TryAcquire(((IPEndPoint)client.Client.RemoteEndPoint!).Address);
            if (slot is null)
            {
                _ = RefuseAsync(client);
                continue;
            }

            client.NoDelay = true;
            var connection = new ClientConnection(client, slot, certificate);
            var session = ServeAsync(connection, cancellationToken);
            _sessions[session] = true;
            _ = session.ContinueWith(t => _sessions.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    private async Task ServeAsync(ClientConnection connection, CancellationToken cancellationToken)
    {
        await using (connection.ConfigureAwait(false))
        {
            try
            {
                await Task.Yield();
                if (implicitTls)
                {
                    await connection.UpgradeAsync(cancellationToken).ConfigureAwait(false);
                }

                await handler.HandleAsync(connection, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException
                or System.Security.Authentication.AuthenticationException or TimeoutException)
            {
                // The client went away, stalled, or failed the TLS handshake: nothing to answer.
            }
#pragma warning disable CA1031 // One session's bug must not take the listener down; it is logged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                logger.SessionFailed(name, connection.Remote.ToString(), ex.GetType().Name, ex.Message);
            }
        }
    }

    private async Task RefuseAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(5));
                await client.GetStream().WriteAsync(refusal, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
            {
                // The client is gone or stuck; it is being refused anyway.
            }
        }
    }
}
