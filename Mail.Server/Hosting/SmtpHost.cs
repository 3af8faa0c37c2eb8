using System.Security.Cryptography.X509Certificates;
using Mail.Server.Queue;
using Mail.Server.Security;
using Mail.Server.Smtp;
using Mail.Server.Store;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>Runs the SMTP listeners once the directory is up; cleans the store of crash debris before the
/// first message is accepted (this process owns the store while it runs).</summary>
internal sealed class SmtpHost(ApplianceOptions options, DataFolder data, DirectoryHost directory, ILogger<SmtpHost> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _running;
    private X509Certificate2? _certificate;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Smtp.Port == 0 && options.Submission.Port == 0 && options.SubmissionTls.Port == 0)
        {
            return Task.CompletedTask;
        }

        var store = new MessageStore(data.StoreFolder);
        store.Recover();
        var spool = new OutboundSpool(data.SpoolFolder);
        _certificate = LoadCertificate(data.Resolve(options.Tls.CertificateFile), data.Resolve(options.Tls.KeyFile));
        var throttle = new AuthThrottle(new AuthThrottleOptions(), TimeProvider.System);
        var server = ApplianceSmtpServer.Create(options, directory.Directory, store, spool, _certificate, throttle, TimeProvider.System);
        server.SessionFaulted += (_, e) => logger.SmtpSessionFaulted(e.Exception.GetType().Name, e.Exception.Message);
        _running = server.StartAsync(_stop.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_running is not null)
        {
            try
            {
                await _running.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping is cancelling.
            }
        }
    }

    public void Dispose()
    {
        _stop.Dispose();
        _certificate?.Dispose();
    }

    private static X509Certificate2 LoadCertificate(string certificateFile, string keyFile)
    {
        // SslStream on Linux wants a certificate whose key is not ephemeral: load the PEM pair, then re-import.
        using var pem = X509Certificate2.CreateFromPemFile(certificateFile, keyFile);
        return X509CertificateLoader.LoadPkcs12(pem.Export(X509ContentType.Pkcs12), null);
    }
}
