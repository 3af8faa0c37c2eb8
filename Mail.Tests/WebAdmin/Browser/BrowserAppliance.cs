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
    private readonly ApplianceWithBrowser _appliance = new();

    /// <summary>The running fixture.</summary>
    public static BrowserAppliance Current => _current ?? throw new InvalidOperationException("the browser appliance is not running");

    public CliRunner Cli => _appliance.Cli;

    public IBrowser Browser => _appliance.Browser;

    public Uri BaseUri => _appliance.BaseUri;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        await _appliance.StartAsync("web-browser", Domain, Password, async appliance =>
        {
            await appliance.MustAsync("domain", "add", OtherDomain);
            await appliance.MustAsync("user", "add", DomainAdmin, "--name", "Lê Văn Hiệu", "--password", Password, "--role", "domain-admin");
            await appliance.MustAsync("user", "add", Helpdesk, "--name", "Phạm Thị Hỗ Trợ", "--password", Password, "--role", "helpdesk");
            await appliance.MustAsync("user", "add", Staff, "--name", "Nguyễn Văn An", "--password", Password);
            await appliance.MustAsync("user", "add", OtherStaff, "--name", "Trần Thị Bình", "--password", Password);
            // Made before the appliance starts: the web admin's account list picks up CLI changes only after the directory
            // cache lifetime (its own changes at once).
            await appliance.MustAsync("user", "add", "ducdv@" + Domain, "--name", "Đỗ Văn Đức", "--password", Password);
        });
        _current = this;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _current = null;
        await _appliance.StopAsync();
    }

    /// <summary>A fresh browser context (its own cookies) at phone size, in <paramref name="culture"/> (null: the
    /// appliance's default, Vietnamese).</summary>
    public Task<IBrowserContext> NewContextAsync(string? culture = null) => _appliance.NewContextAsync(culture);

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
    public Task<string> MustAsync(params string[] args) => _appliance.MustAsync(args);
}
