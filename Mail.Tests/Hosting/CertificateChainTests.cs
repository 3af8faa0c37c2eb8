using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
            var (chainPem, keyPem) = IssueChain(rootFile);
            var imaps = FreePort.Next();
            var submission = FreePort.Next();
            var environment = new Dictionary<string, string>
            {
                ["Mail__ImapTls__Port"] = imaps.ToString(CultureInfo.InvariantCulture),
                ["Mail__Submission__Port"] = submission.ToString(CultureInfo.InvariantCulture),
            };
            await using var appliance = await PublicAppliance.StartAsync("chain", Domain, environment, async cli =>
            {
                await File.WriteAllTextAsync(Path.Combine(cli.DataDirectory, "tls", "cert.pem"), chainPem);
                await File.WriteAllTextAsync(Path.Combine(cli.DataDirectory, "tls", "key.pem"), keyPem);
            });

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

    // Root CA → intermediate CA → server certificate for 127.0.0.1; writes the root, returns "server + intermediate" PEM and the key.
    private static (string Chain, string Key) IssueChain(string rootFile)
    {
        var now = DateTimeOffset.UtcNow.AddMinutes(-5);
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest("CN=Test Root CA", rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        rootRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(rootRequest.PublicKey, false));
        using var root = rootRequest.CreateSelfSigned(now, now.AddYears(1));
        File.WriteAllText(rootFile, root.ExportCertificatePem());

        using var middleKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var middleRequest = new CertificateRequest("CN=Test Intermediate CA", middleKey, HashAlgorithmName.SHA256);
        middleRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 0, true));
        middleRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        middleRequest.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(middleRequest.PublicKey, false));
        middleRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(root, true, false));
        using var middlePublic = middleRequest.Create(root, now, now.AddMonths(6), [1, 2, 3, 4]);
        using var middle = middlePublic.CopyWithPrivateKey(middleKey);

        using var serverKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var serverRequest = new CertificateRequest("CN=mail." + Domain, serverKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("mail." + Domain);
        names.AddIpAddress(IPAddress.Loopback);
        serverRequest.CertificateExtensions.Add(names.Build());
        serverRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, false));
        serverRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        serverRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        serverRequest.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(middle, true, false));
        using var server = serverRequest.Create(middle, now, now.AddMonths(3), [5, 6, 7, 8]);
        return (server.ExportCertificatePem() + "\n" + middle.ExportCertificatePem() + "\n", serverKey.ExportPkcs8PrivateKeyPem());
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
