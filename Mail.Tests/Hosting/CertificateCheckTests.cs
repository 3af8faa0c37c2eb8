using Mail.Server.Hosting;
using Mail.Server.Net;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Hosting;

/// <summary>The start-up warnings about the TLS certificate: validity dates, the host name, a CA-issued certificate
/// installed without its intermediate; and none for a good certificate.</summary>
internal sealed class CertificateCheckTests
{
    private const string Host = "mail.kiemtra.edu.vn";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = TestFolder.New("certcheck");
        System.IO.Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void RemoveFolder() => TestFolder.Remove(_folder);

    [Test]
    public void AFullChainForTheHost_HasNoProblem()
    {
        var issued = IssuedCertificate.For(Host, Now.AddDays(-1), Now.AddDays(90));
        Assert.That(Check(issued.FullChainPem, issued.KeyPem, Host), Is.Empty);
    }

    [Test]
    public void TheSelfSignedCertificateOfInit_HasNoProblem()
    {
        var certificateFile = Path.Combine(_folder, "init-cert.pem");
        var keyFile = Path.Combine(_folder, "init-key.pem");
        SelfSignedCertificate.Write(Host, certificateFile, keyFile);
        Assert.That(Check(File.ReadAllText(certificateFile), File.ReadAllText(keyFile), Host), Is.Empty);
    }

    [Test]
    public void TheServerCertificateAlone_IsReportedWithItsIssuer()
    {
        var issued = IssuedCertificate.For(Host, Now.AddDays(-1), Now.AddDays(90));
        var problems = Check(issued.ServerPem, issued.KeyPem, Host);
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain("issued by \"CN=Test Intermediate CA\"").And.Contain("fullchain.pem"));
    }

    [Test]
    public void AnotherHostName_IsReported()
    {
        var issued = IssuedCertificate.For("mail.khac.edu.vn", Now.AddDays(-1), Now.AddDays(90));
        Assert.That(Check(issued.FullChainPem, issued.KeyPem, Host), Is.EqualTo(new[]
        {
            $"the server certificate does not name {Host} (Mail:Hostname): clients that check the name refuse it",
        }));
    }

    [TestCase(-30, -2, "expired on")]
    [TestCase(-30, 5, "expires on")]
    [TestCase(3, 90, "is not valid before")]
    public void ValidityDates_AreReported(int fromDays, int untilDays, string problem)
    {
        var issued = IssuedCertificate.For(Host, Now.AddDays(fromDays), Now.AddDays(untilDays));
        var problems = Check(issued.FullChainPem, issued.KeyPem, Host);
        Assert.That(problems, Has.Count.EqualTo(1));
        Assert.That(problems[0], Does.Contain(problem));
    }

    private IReadOnlyList<string> Check(string certificatePem, string keyPem, string hostname)
    {
        var certificateFile = Path.Combine(_folder, "cert.pem");
        var keyFile = Path.Combine(_folder, "key.pem");
        File.WriteAllText(certificateFile, certificatePem);
        File.WriteAllText(keyFile, keyPem);
        using var certificate = ServerCertificate.Load(certificateFile, keyFile);
        return CertificateCheck.Problems(certificate, hostname, Now);
    }
}
