using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Hosting;

/// <summary>A CA-issued certificate installed with its intermediate (the usual "fullchain" file) is presented with the
/// intermediate on every TLS port, so a client that trusts only the root verifies it: openssl is that client.</summary>
[NonParallelizable]
internal sealed partial class CertificateChainTests
{
    private const string Domain = "chain.edu.vn";

    [Test]
    public async Task EveryTlsPort_SendsTheIntermediate_AndVerifiesAgainstTheRootAlone()
    {
        var folder = TestFolder.New("chain");
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            var rootFile = Path.Combine(folder, "root.pem");
            var issued = IssuedCertificate.For("mail." + Domain, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMonths(3));
            await File.WriteAllTextAsync(rootFile, issued.RootPem);
            var imaps = FreePort.Next();
            var submission = FreePort.Next();
            var environment = new Dictionary<string, string>
            {
                ["Mail__ImapTls__Port"] = imaps.ToString(CultureInfo.InvariantCulture),
                ["Mail__Submission__Port"] = submission.ToString(CultureInfo.InvariantCulture),
            };
            await using var appliance = await PublicAppliance.StartAsync("chain", Domain, environment, async cli =>
            {
                await File.WriteAllTextAsync(Path.Combine(cli.DataDirectory, "tls", "cert.pem"), issued.FullChainPem);
                await File.WriteAllTextAsync(Path.Combine(cli.DataDirectory, "tls", "key.pem"), issued.KeyPem);
            });
            Assert.That(appliance.StartupLog.Where(l => l.Contains("TLS:", StringComparison.Ordinal)), Is.Empty, "a complete chain draws no warning");

            foreach (var (port, starttls) in new[] { (imaps, (string?)null), (submission, "smtp"), (appliance.AdminPort, null) })
            {
                var output = await OpenSslAsync(port, starttls, rootFile);
                Assert.Multiple(() =>
                {
                    Assert.That(CertificateBlock().Matches(output), Has.Count.EqualTo(2), $"port {port}: the server's certificate and the intermediate\n{output}");
                    Assert.That(output, Does.Contain("Verify return code: 0 (ok)"), $"port {port}\n{output}");
                });
            }
        }
        finally
        {
            TestFolder.Remove(folder);
        }
    }

    [Test]
    public async Task ACertificateSentWithoutItsIntermediate_IsReportedAtStart_AndServed()
    {
        var issued = IssuedCertificate.For("mail." + Domain, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMonths(3));
        await using var appliance = await PublicAppliance.StartAsync("lone", Domain, new Dictionary<string, string>(), async cli =>
        {
            await File.WriteAllTextAsync(Path.Combine(cli.DataDirectory, "tls", "cert.pem"), issued.ServerPem);
            await File.WriteAllTextAsync(Path.Combine(cli.DataDirectory, "tls", "key.pem"), issued.KeyPem);
        });

        var warnings = appliance.StartupLog.Where(l => l.Contains("TLS:", StringComparison.Ordinal)).ToArray();
        Assert.That(warnings, Has.Length.EqualTo(1), string.Join('\n', appliance.StartupLog));
        Assert.That(warnings[0], Does.Contain("holds only the server's certificate, issued by \"CN=Test Intermediate CA\"").And.Contain("fullchain.pem"));
        using var response = await appliance.Http.GetAsync(appliance.Url("/"));
        Assert.That(response.IsSuccessStatusCode, Is.True, $"the appliance still serves with the certificate it has: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<string> OpenSslAsync(int port, string? starttls, string rootFile)
    {
        var start = new ProcessStartInfo("openssl") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "s_client", "-connect", $"127.0.0.1:{port}", "-showcerts", "-CAfile", rootFile, "-verify_return_error" })
        {
            start.ArgumentList.Add(arg);
        }

        if (starttls is not null)
        {
            start.ArgumentList.Add("-starttls");
            start.ArgumentList.Add(starttls);
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        return new StringBuilder(await output).Append(await errors).ToString();
    }

    [GeneratedRegex("-----BEGIN CERTIFICATE-----")]
    private static partial Regex CertificateBlock();
}
