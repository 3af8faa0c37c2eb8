using System.Diagnostics;
using System.Globalization;
using Mail.Tests.Fixtures;
using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Browser;

/// <summary>One real appliance (<c>run</c>, real slapd, the MX port and the admin port on 127.0.0.1) and one headless
/// Debian Chromium for every browser test in this namespace: starting them once keeps the suite fast.</summary>
[SetUpFixture]
internal sealed class BrowserAppliance
{
    public const string Domain = "truong.edu.vn";
    public const string OtherDomain = "so.edu.vn";
    public const string Password = "Xin-chao-2026!";
    public const string Admin = "postmaster@" + Domain;
    public const string DomainAdmin = "hieutruong@" + Domain;
    public const string Helpdesk = "hotro@" + Domain;
    public const string Staff = "annv@" + Domain;
    public const string OtherStaff = "binhtt@" + OtherDomain;

    private static BrowserAppliance? _current;
    private string _root = null!;
    private Process? _run;
    private IPlaywright? _playwright;

    /// <summary>The running fixture.</summary>
    public static BrowserAppliance Current => _current ?? throw new InvalidOperationException("the browser appliance is not running");

    public CliRunner Cli { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public Uri BaseUri { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        _root = TestFolder.New("web-browser");
        (Cli, _) = await CliRunner.InitAsync(_root, Domain, Password);
        await MustAsync("domain", "add", OtherDomain);
        await MustAsync("user", "add", DomainAdmin, "--name", "Lê Văn Hiệu", "--password", Password, "--role", "domain-admin");
        await MustAsync("user", "add", Helpdesk, "--name", "Phạm Thị Hỗ Trợ", "--password", Password, "--role", "helpdesk");
        await MustAsync("user", "add", Staff, "--name", "Nguyễn Văn An", "--password", Password);
        await MustAsync("user", "add", OtherStaff, "--name", "Trần Thị Bình", "--password", Password);
        // Made before the appliance starts: the web admin's account list picks up CLI changes only after the directory
        // cache lifetime (its own changes at once).
        await MustAsync("user", "add", "ducdv@" + Domain, "--name", "Đỗ Văn Đức", "--password", Password);

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
        _current = this;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _current = null;
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

    /// <summary>A page signed in as <paramref name="address"/>.</summary>
    public static async Task<IPage> SignInAsync(IBrowserContext context, string address, string password = Password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Login");
        await page.FillAsync("#login", address);
        await page.FillAsync("#password", password);
        await SubmitAsync(page, "button.primary");
        return page;
    }

    /// <summary>Clicks a submit button and waits for the page it leads to (Playwright's click waits for the
    /// navigation to commit, redirects included).</summary>
    public static async Task SubmitAsync(IPage page, string selector)
    {
        await page.ClickAsync(selector);
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Adds an account with the fixture's password through the CLI (more options, such as a role, after the name).</summary>
    public Task<string> AddAccountAsync(string address, string name, params string[] options) =>
        MustAsync(["user", "add", address, "--name", name, "--password", Password, .. options]);

    /// <summary>Runs a CLI command that must succeed.</summary>
    public async Task<string> MustAsync(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result.Stdout;
    }
}
