using System.Net;
using System.Security.Cryptography.X509Certificates;
using Mail.WebAdmin;
using Mail.WebAdmin.ClientSetup;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mail.Server.Hosting;

/// <summary>Runs the web admin and the public endpoints on Mail:Admin:Port once the directory is up: HTTPS with the
/// appliance's certificate, or plain HTTP behind a TLS-terminating proxy when Mail:Admin:Tls is false.</summary>
internal sealed class AdminHost(ApplianceOptions options, DataFolder data, MailServices services, DirectoryHost directory, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Admin.Port == 0)
        {
            return;
        }

        var site = new AdminSite(options.Hostname, options.PrimaryDomain, data.WebFolder, new ClientPorts(
            options.Imap.Port, options.ImapTls.Port, options.Pop3.Port, options.Pop3Tls.Port, options.Submission.Port, options.SubmissionTls.Port),
            new ProfileSignature(services.Certificate, services.Certificate.Intermediates));
        _app = AdminWebApplication.Build(site, directory.Directory, new MailEngine(options, services, directory.Directory), loggers,
            // Kestrel makes "::" dual-stack itself, so the address is bound as it is (no IPv4 twin as for our own sockets).
            [new IPEndPoint(IPAddress.Parse(options.Listen.Address), options.Admin.Port)], options.Admin.Tls ? services.Certificate : null, services.Certificate.Intermediates,
            options.Admin.TrustedProxyNetworks());
        await _app.StartAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null)
        {
            await _app.StopAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
