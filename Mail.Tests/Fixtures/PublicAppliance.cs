using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;

namespace Mail.Tests.Fixtures;

/// <summary>A child appliance (<c>run</c>) with the web admin's port on (HTTPS, or plain HTTP when the environment sets
/// <c>Mail__Admin__Tls=false</c>), for the public endpoints' tests, and an HttpClient that trusts exactly its certificate.</summary>
internal sealed class PublicAppliance : IAsyncDisposable
{
    private readonly string _root;
    private Process? _run;

    private PublicAppliance(string root, CliRunner cli, int adminPort)
    {
        _root = root;
        Cli = cli;
        AdminPort = adminPort;
    }

    public CliRunner Cli { get; }

    public int AdminPort { get; }

    /// <summary>The appliance's own certificate (made by <c>init</c>).</summary>
    public X509Certificate2 Certificate { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    /// <summary>The log lines of <c>run</c> up to "MailAppliance running".</summary>
    public List<string> StartupLog { get; } = [];

    /// <summary>The pid of the slapd the appliance started.</summary>
    public int SlapdPid { get; private set; }

    /// <summary>https, or http when the admin port serves plain HTTP for a reverse proxy.</summary>
    public string Scheme { get; private set; } = "https";

    public Uri Url(string pathAndQuery) => new($"{Scheme}://127.0.0.1:{AdminPort}{pathAndQuery}");

    /// <summary>Runs <c>init</c>, then <paramref name="prepare"/> (CLI commands before the start), then <c>run</c>
    /// with <paramref name="environment"/>.</summary>
    public static async Task<PublicAppliance> StartAsync(
        string purpose, string domain, IReadOnlyDictionary<string, string> environment, Func<CliRunner, Task> prepare)
    {
        var root = TestFolder.New(purpose);
        var (cli, _) = await CliRunner.InitAsync(root, domain, "Xin-chao-2026!");
        var appliance = new PublicAppliance(root, cli, FreePort.Next());
        await prepare(cli);
        foreach (var (name, value) in environment)
        {
            cli.Environment[name] = value;
        }

        cli.Environment["Mail__Admin__Port"] = appliance.AdminPort.ToString(CultureInfo.InvariantCulture);
        if (environment.TryGetValue("Mail__Admin__Tls", out var tls) && tls == "false")
        {
            appliance.Scheme = "http";
        }

        appliance.Certificate = X509CertificateLoader.LoadCertificateFromFile(Path.Combine(cli.DataDirectory, "tls", "cert.pem"));
        var pin = appliance.Certificate.Thumbprint;
#pragma warning disable CA2000 // The HttpClient owns and disposes the handler.
        var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == pin };
#pragma warning restore CA2000
        appliance.Http = new HttpClient(handler, disposeHandler: true);
        appliance._run = cli.Start("run");
        appliance.SlapdPid = await CliRunner.WaitUntilRunningAsync(appliance._run, appliance.StartupLog);
        return appliance;
    }

    /// <summary>An HttpClient whose connections come from another loopback address (127.0.0.2, 127.0.0.3…), so its
    /// requests fill a rate-limit bucket of their own.</summary>
    public HttpClient ClientFrom(string loopbackAddress)
    {
#pragma warning disable CA2000 // The HttpClient owns and disposes the handler.
        var handler = new SocketsHttpHandler
        {
            SslOptions = { RemoteCertificateValidationCallback = TestCertificate.Pin(Certificate) },
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    socket.Bind(new IPEndPoint(IPAddress.Parse(loopbackAddress), 0));
                    await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
#pragma warning restore CA2000
        return new HttpClient(handler, disposeHandler: true);
    }

    public async ValueTask DisposeAsync()
    {
        if (_run is not null)
        {
            CliRunner.Signal("TERM", _run.Id);
            await _run.WaitForExitAsync();
            _run.Dispose();
        }

        Http?.Dispose();
        Certificate?.Dispose();
        TestFolder.Remove(_root);
    }
}
