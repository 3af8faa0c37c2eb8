namespace Mail.Tests.Fixtures;

/// <summary>An SmtpServer started for a test: running once its first port accepts connections, stopped by
/// <see cref="DisposeAsync"/>.</summary>
internal sealed class RunningSmtpServer : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _running;

    private RunningSmtpServer(SmtpServer.SmtpServer server) => _running = server.StartAsync(_stop.Token);

    /// <summary>Starts <paramref name="server"/> and waits until <paramref name="port"/> on 127.0.0.1 accepts.</summary>
    public static async Task<RunningSmtpServer> StartAsync(SmtpServer.SmtpServer server, int port)
    {
        var running = new RunningSmtpServer(server);
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var probe = new System.Net.Sockets.TcpClient();
            await probe.ConnectAsync("127.0.0.1", port);
            return true;
        }, TimeSpan.FromSeconds(10)), Is.True, $"the SMTP server listens on {port}");
        return running;
    }

    public async ValueTask DisposeAsync()
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

        _stop.Dispose();
    }
}
