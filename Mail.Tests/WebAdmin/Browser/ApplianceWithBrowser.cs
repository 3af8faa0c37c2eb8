using System.Diagnostics;
using System.Globalization;
using Mail.Tests.Fixtures;
using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Browser;

/// <summary>A real appliance (<c>run</c>, real slapd, the MX and admin ports on 127.0.0.1) seeded through the CLI, and
/// one headless Debian Chromium: what the browser fixtures share, each with an appliance of its own.</summary>
internal sealed class ApplianceWithBrowser
{
    private string _root = null!;
    private Process? _run;
    private IPlaywright? _playwright;

    public CliRunner Cli { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseUri { get; private set; } = null!;

    /// <summary>Runs <c>init</c> for <paramref name="domain"/>, then <paramref name="seed"/> (CLI commands and environment
    /// before the start), then <c>run</c> with the admin port on, then Chromium.</summary>
    public async Task StartAsync(string purpose, string domain, string password, Func<ApplianceWithBrowser, Task> seed)
    {
        _root = TestFolder.New(purpose);
        (Cli, _) = await CliRunner.InitAsync(_root, domain, password);
        await seed(this);
        var port = FreePort.Next();
        Cli.Environment["Mail__Admin__Port"] = port.ToString(CultureInfo.InvariantCulture);
        BaseUri = new Uri($"https://127.0.0.1:{port}");
        _run = Cli.Start("run");
        await CliRunner.WaitUntilRunningAsync(_run);

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            // Debian's Chromium: Playwright never downloads a browser here.
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // No GPU in a container, no QUIC, and no background DNS lookups leaving the machine.
            Args = ["--disable-gpu", "--disable-quic", "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"],
        });
    }

    public async Task StopAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_run is not null)
        {
            CliRunner.Signal("TERM", _run.Id);
            await _run.WaitForExitAsync();
            _run.Dispose();
        }

        TestFolder.Remove(_root);
    }

    /// <summary>A fresh browser context (its own cookies) at phone size, in <paramref name="culture"/> (null: the
    /// appliance's default, Vietnamese).</summary>
    public async Task<IBrowserContext> NewContextAsync(string? culture = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUri.ToString(),
            IgnoreHTTPSErrors = true,
            ViewportSize = new ViewportSize { Width = 375, Height = 812 },
            Locale = "vi-VN",
        });
        if (culture is not null)
        {
            await context.AddCookiesAsync([new Cookie
            {
                Name = ".AspNetCore.Culture",
                Value = $"c={culture}|uic={culture}",
                Url = BaseUri.ToString(),
                Secure = true,
            }]);
        }

        return context;
    }

    /// <summary>Runs a CLI command that must succeed.</summary>
    public async Task<string> MustAsync(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result.Stdout;
    }
}
