using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mail.Directory;
using Mail.Server.Hosting;

namespace Mail.Server.Cli;

/// <summary><c>health</c>: asks the running appliance on its own ports whether it answers, for a container's
/// HEALTHCHECK or a monitoring script; exit 0 when every enabled service did, 1 with the first that did not.</summary>
/// <remarks>Every mail port must greet (SMTP 220, IMAP and POP3 "OK"; TLS ports after the handshake), which shows the
/// protocol engine runs, not only that a socket is bound; the web admin port must answer an HTTP request with a status
/// below 500 (over TLS with the appliance's certificate unless Mail:Admin:Tls is false); the embedded slapd is checked by
/// connecting.</remarks>
internal static class HealthCommand
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(5);

    public static Command Build()
    {
        var command = new Command("health", "Check that the running appliance answers on its ports (exit 0 when healthy)");
        CommandAction.Set(command, async (r, ct) =>
        {
            var data = CliApplication.InitialisedData(r);
            var options = ApplianceConfiguration.Load(data);
            var address = IPAddress.Parse(options.Listen.Address);
            // A wildcard listener is asked on loopback.
            if (address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any))
            {
                address = IPAddress.Loopback;
            }

            using var certificate = X509Certificate2.CreateFromPem(await File.ReadAllTextAsync(data.Resolve(options.Tls.CertificateFile), ct).ConfigureAwait(false));
            var expected = certificate.GetCertHashString(HashAlgorithmName.SHA256);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
            deadline.CancelAfter(Deadline);
            var checkedNames = new List<string>();
            foreach (var (name, listener) in options.Listeners)
            {
                if (listener.Port == 0 || Probe(name) is not { } probe)
                {
                    continue;
                }

                await CheckAsync(name, new IPEndPoint(address, listener.Port), probe, expected, deadline.Token).ConfigureAwait(false);
                checkedNames.Add(string.Create(CultureInfo.InvariantCulture, $"{name}:{listener.Port}"));
            }

            if (options.Admin.Port != 0)
            {
                await CheckHttpAsync(new IPEndPoint(address, options.Admin.Port), options.Admin.Tls, expected, deadline.Token).ConfigureAwait(false);
                checkedNames.Add(string.Create(CultureInfo.InvariantCulture, $"Admin:{options.Admin.Port}"));
            }

            if (options.Directory.Mode == DirectoryMode.Embedded)
            {
                await CheckAsync("Directory", new IPEndPoint(IPAddress.Loopback, options.Directory.Port), null, expected, deadline.Token).ConfigureAwait(false);
                checkedNames.Add(string.Create(CultureInfo.InvariantCulture, $"Directory:{options.Directory.Port}"));
            }

            Console.WriteLine("healthy: " + string.Join(' ', checkedNames));
        });
        return command;
    }

    // What each port says first and how a polite client leaves; TLS ports do the handshake first. Leaving by the
    // protocol keeps a health check every 30 s out of the servers' warnings about dropped sessions.
    private static (bool Tls, string Greeting, string Goodbye)? Probe(string listener) => listener switch
    {
        "Smtp" or "Submission" => (false, "220 ", "QUIT\r\n"),
        "SubmissionTls" => (true, "220 ", "QUIT\r\n"),
        "Imap" => (false, "* OK", "h LOGOUT\r\n"),
        "ImapTls" => (true, "* OK", "h LOGOUT\r\n"),
        "Pop3" => (false, "+OK", "QUIT\r\n"),
        "Pop3Tls" => (true, "+OK", "QUIT\r\n"),
        _ => null,
    };

    private static async Task CheckAsync(string name, IPEndPoint endpoint, (bool Tls, string Greeting, string Goodbye)? probe, string expected, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient(endpoint.AddressFamily);
            await client.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            if (probe is not { } p)
            {
                return;
            }

            Stream stream = client.GetStream();
            if (p.Tls)
            {
                // The appliance's own port must present the appliance's own certificate (the one in its configuration; a
                // certificate replaced on disk shows here until the appliance is restarted).
                var tls = new SslStream(stream, leaveInnerStreamOpen: false,
                    (_, presented, _, _) => presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == expected);
                await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, cancellationToken).ConfigureAwait(false);
                stream = tls;
            }

            await using (stream.ConfigureAwait(false))
            {
                var line = await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
                if (!line.StartsWith(p.Greeting, StringComparison.Ordinal))
                {
                    throw new CliException($"{name} on {endpoint} greeted with '{line}'");
                }

                await stream.WriteAsync(Encoding.ASCII.GetBytes(p.Goodbye), cancellationToken).ConfigureAwait(false);
                await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or OperationCanceledException)
        {
            throw new CliException($"{name} does not answer on {endpoint}: {ex.Message}");
        }
    }

    // The client speaks first in HTTP: one request for the sign-in page, whose status line shows the web stack runs.
    private static async Task CheckHttpAsync(IPEndPoint endpoint, bool tls, string expected, CancellationToken cancellationToken)
    {
        try
        {
            using var client = new TcpClient(endpoint.AddressFamily);
            await client.ConnectAsync(endpoint, cancellationToken).ConfigureAwait(false);
            Stream stream = client.GetStream();
            if (tls)
            {
                var secure = new SslStream(stream, leaveInnerStreamOpen: false,
                    (_, presented, _, _) => presented is not null && presented.GetCertHashString(HashAlgorithmName.SHA256) == expected);
                await secure.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
                {
                    TargetHost = "localhost",
                    ApplicationProtocols = [SslApplicationProtocol.Http11],
                }, cancellationToken).ConfigureAwait(false);
                stream = secure;
            }

            await using (stream.ConfigureAwait(false))
            {
                await stream.WriteAsync("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"u8.ToArray(), cancellationToken).ConfigureAwait(false);
                var line = await ReadLineAsync(stream, cancellationToken).ConfigureAwait(false);
                var parts = line.Split(' ', 3);
                if (parts.Length < 2 || !parts[0].StartsWith("HTTP/1.", StringComparison.Ordinal) || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var status) || status >= 500)
                {
                    throw new CliException($"Admin on {endpoint} answered '{line}'");
                }
            }
        }
        catch (Exception ex) when (ex is SocketException or IOException or AuthenticationException or OperationCanceledException)
        {
            throw new CliException($"Admin does not answer on {endpoint}: {ex.Message}");
        }
    }

    private static async Task<string> ReadLineAsync(Stream stream, CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        var octet = new byte[1];
        while (line.Length < 512 && await stream.ReadAsync(octet, cancellationToken).ConfigureAwait(false) == 1 && octet[0] != (byte)'\n')
        {
            line.Append((char)octet[0]);
        }

        return line.ToString().TrimEnd('\r');
    }
}
