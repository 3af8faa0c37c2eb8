using System.Diagnostics;
using System.Globalization;
using System.Net;
using Mail.Tests.Fixtures;

namespace Mail.Tests.WebAdmin;

/// <summary>The appliance's <c>run</c> serves the web admin on Mail:Admin:Port over HTTPS with its certificate.</summary>
[NonParallelizable]
internal sealed class AdminHostTests
{
    private string _root = null!;
    private CliRunner _cli = null!;
    private Process? _run;
    private int _port;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _root = TestFolder.New("admin-host");
        (_cli, _) = await CliRunner.InitAsync(_root, "truong.edu.vn", "Xin-chao-2026!");
        _port = FreePort.Next();
        _cli.Environment["Mail__Admin__Port"] = _port.ToString(CultureInfo.InvariantCulture);
        _run = _cli.Start("run");
        await CliRunner.WaitUntilRunningAsync(_run);
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        if (_run is not null)
        {
            CliRunner.Signal("TERM", _run.Id);
            await _run.WaitForExitAsync();
            _run.Dispose();
        }

        TestFolder.Remove(_root);
    }

    [Test]
    public async Task Run_ServesTheAdminOverHttps_InVietnameseUtf8()
    {
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, _, _, _) => true };
        using var http = new HttpClient(handler);
        using var page = await http.GetAsync(new Uri($"https://127.0.0.1:{_port}/"));
        var html = await page.Content.ReadAsStringAsync();
        Assert.That(page.StatusCode, Is.EqualTo(HttpStatusCode.OK), html);
        Assert.That(page.RequestMessage!.RequestUri!.AbsolutePath, Is.EqualTo("/Login"), "signed out, the admin asks for a sign-in");
        Assert.That(html, Does.Contain("Đăng nhập"), "Vietnamese goes out as UTF-8 text, not character references");

        using var plain = new HttpClient();
        Assert.That(async () => await plain.GetAsync(new Uri($"http://127.0.0.1:{_port}/")), Throws.InstanceOf<HttpRequestException>(),
            "the admin port speaks TLS only");
    }
}
