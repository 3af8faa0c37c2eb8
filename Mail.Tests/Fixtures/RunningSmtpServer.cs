using System.Net.Sockets;

namespace Mail.Tests.Fixtures;

/// <summary>An SmtpServer started for a test: running once every port it was given accepts connections, stopped by
/// <see cref="DisposeAsync"/>.</summary>
internal sealed class RunningSmtpServer : IAsyncDisposable
{
    private const int Attempts = 5;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;
    private int _sessions;

    private RunningSmtpServer(SmtpServer.SmtpServer server)
    {
        server.SessionCreated += (_, _) => Interlocked.Increment(ref _sessions);
        _running = server.StartAsync(_stop.Token);
    }

    /// <summary>Builds a server on fresh ports with <paramref name="build"/> and starts it; builds again on new ports
    /// when one of them does not listen. FreePort releases the port it found, and another process can take it before
    /// the bind; SmtpServer keeps that failure inside its running task until it stops.</summary>
    public static async Task<RunningSmtpServer> StartAsync(Func<(SmtpServer.SmtpServer Server, int[] Ports)> build)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (server, ports) = build();
            var running = new RunningSmtpServer(server);
            if (await Eventually.TrueAsync(() => running.ListensAsync(ports), TimeSpan.FromSeconds(10)))
            {
                return running;
            }

            await running.StopAsync(ignoreBindFailure: true);
            Assert.That(attempt, Is.LessThan(Attempts), $"the SMTP server did not listen on {string.Join(", ", ports)}");
        }
    }

    public ValueTask DisposeAsync() => new(StopAsync(ignoreBindFailure: false));

    // Every port accepts, and each accepted probe is a session of this server, not of another listener on the port.
    private async Task<bool> ListensAsync(int[] ports)
    {
        foreach (var port in ports)
        {
            var before = Volatile.Read(ref _sessions);
            using var probe = new TcpClient();
            await probe.ConnectAsync("127.0.0.1", port);
            if (!await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref _sessions) > before), TimeSpan.FromSeconds(2)))
            {
                throw new IOException($"port {port} is not this server's");
            }
        }

        return true;
    }

    private async Task StopAsync(bool ignoreBindFailure)
    {
        await _stop.CancelAsync();
        try
        {
            await _running.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
            // Stopping is cancelling.
        }
        catch (SocketException e) when (ignoreBindFailure && e.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            // The port that was taken before the bind; the caller starts again elsewhere.
        }

        _stop.Dispose();
    }
}
