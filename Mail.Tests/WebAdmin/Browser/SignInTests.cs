using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Browser;

/// <summary>Sign-in, the language switch, the staff member's boundary and antiforgery, in a real browser.</summary>
internal sealed partial class SignInTests
{
    private static BrowserAppliance App => BrowserAppliance.Current;

    [Test]
    public async Task SignIn_WrongPasswordIsRefused_RightOneOpensTheDashboard()
    {
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin, "wrong-password-1");
        Assert.That(page.Url, Does.Contain("/Login"));
        Assert.That(await page.Locator("[role=alert]").InnerTextAsync(), Does.Contain("không đúng"));

        await page.FillAsync("#login", BrowserAppliance.Admin);
        await page.FillAsync("#password", BrowserAppliance.Password);
        await BrowserAppliance.SubmitAsync(page, "button.primary");
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Tổng quan"));

        var cookies = await context.CookiesAsync();
        var session = cookies.Single(c => c.Name == "__Host-mailadmin");
        Assert.Multiple(() =>
        {
            Assert.That(session.Secure, Is.True);
            Assert.That(session.HttpOnly, Is.True);
            Assert.That(session.SameSite, Is.EqualTo(SameSiteAttribute.Strict));
        });
    }

    [Test]
    public async Task SignedOut_AnyPageLeadsToTheSignInPage()
    {
        await using var context = await App.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Accounts");
        Assert.That(page.Url, Does.Contain("/Login?ReturnUrl=%2FAccounts"));
    }

    [Test]
    public async Task LanguageSwitch_TurnsThePageEnglish_AndIsRemembered()
    {
        await using var context = await App.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Login");
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo("vi"));
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Đăng nhập"));

        await BrowserAppliance.SubmitAsync(page, "form.lang button");
        Assert.That(await page.GetAttributeAsync("html", "lang"), Is.EqualTo("en"));
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Sign in"));

        await page.GotoAsync("/Login");
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Sign in"), "the cookie keeps the choice");
        await BrowserAppliance.SubmitAsync(page, "form.lang button");
        Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Đăng nhập"));
    }

    [Test]
    public async Task Staff_SeeOnlyTheirPasswordPage_AndGet403Elsewhere()
    {
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Staff);
        Assert.That(page.Url, Does.EndWith("/Password"), "staff land on their password page");
        Assert.That(await page.Locator("nav a").AllInnerTextsAsync(), Is.EqualTo(new[] { "Mật khẩu của tôi" }));

        foreach (var path in new[] { "/Accounts", "/Accounts/New", "/Audit", $"/Accounts/Edit?address={BrowserAppliance.Staff}" })
        {
            var response = await page.GotoAsync(path);
            Assert.That(response!.Status, Is.EqualTo(403), path);
            Assert.That(await page.Locator("h1").InnerTextAsync(), Is.EqualTo("Không có quyền truy cập"), path);
        }
    }

    [Test]
    public async Task Staff_ChangeTheirOwnPassword_AfterTheCurrentOneIsChecked()
    {
        const string teacher = "thuylt@" + BrowserAppliance.Domain;
        await App.AddAccountAsync(teacher, "Lê Thị Thủy");
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, teacher);

        async Task<string> ChangeAsync(string current, string next, string confirm)
        {
            await page.FillAsync("#current", current);
            await page.FillAsync("#new", next);
            await page.FillAsync("#confirm", confirm);
            await BrowserAppliance.SubmitAsync(page, "button.primary");
            return await page.Locator("main").InnerTextAsync();
        }

        Assert.That(await ChangeAsync("not-my-password-1", "Thuy-mat-khau-2027", "Thuy-mat-khau-2027"), Does.Contain("Mật khẩu hiện tại không đúng."));
        Assert.That(await ChangeAsync(BrowserAppliance.Password, "Thuy-mat-khau-2027", "Thuy-mat-khau-2028"), Does.Contain("không giống nhau"));
        Assert.That(await ChangeAsync(BrowserAppliance.Password, "abc", "abc"), Does.Contain("Thay đổi bị từ chối"), "the directory's password rules apply");
        Assert.That(await ChangeAsync(BrowserAppliance.Password, "Thuy-mat-khau-2027", "Thuy-mat-khau-2027"), Does.Contain("Đã đổi mật khẩu."));

        await using var again = await App.NewContextAsync();
        Assert.That((await BrowserAppliance.SignInAsync(again, teacher, BrowserAppliance.Password)).Url, Does.Contain("/Login"), "the old password is gone");
        Assert.That((await BrowserAppliance.SignInAsync(again, teacher, "Thuy-mat-khau-2027")).Url, Does.EndWith("/Password"));
    }

    [Test]
    public async Task DisablingAnAccount_EndsItsOpenSession()
    {
        const string deputy = "phophong@" + BrowserAppliance.Domain;
        await App.AddAccountAsync(deputy, "Ngô Văn Phó", "--role", "domain-admin");
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, deputy);
        Assert.That((await page.GotoAsync("/Accounts"))!.Status, Is.EqualTo(200));

        await App.MustAsync("user", "disable", deputy);
        await page.GotoAsync("/Accounts");
        Assert.That(page.Url, Does.Contain("/Login"), "the cookie is checked against the directory on each request");
    }

    [Test]
    public async Task Post_WithoutTheAntiforgeryToken_Is400()
    {
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        // The browser's own cookies go along; only the form's token is missing, as in a cross-site forgery.
        var response = await context.APIRequest.PostAsync("/Accounts/New", new APIRequestContextOptions
        {
            Form = FormData(context, ("LocalPart", "csrf"), ("Domain", BrowserAppliance.Domain), ("Name", "Csrf Test"), ("Password", "Xin-chao-2026!")),
            MaxRedirects = 0,
        });
        Assert.That(response.Status, Is.EqualTo(400));
        Assert.That(await response.TextAsync(), Does.Contain("Yêu cầu không hợp lệ"), "the status page explains it");
        var show = await App.Cli.RunAsync("user", "show", "csrf@" + BrowserAppliance.Domain);
        Assert.That(show.ExitCode, Is.Not.Zero, "nothing was created");
        Assert.That(page.IsClosed, Is.False);
    }

    [Test]
    public async Task ReturnUrls_LeadOnlyWithinTheAdmin()
    {
        await using var context = await App.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/Login?ReturnUrl=https%3A%2F%2Fevil.example%2F");
        await page.FillAsync("#login", BrowserAppliance.Admin);
        await page.FillAsync("#password", BrowserAppliance.Password);
        await BrowserAppliance.SubmitAsync(page, "button.primary");
        Assert.That(new Uri(page.Url).Host, Is.EqualTo("127.0.0.1"));

        var token = await page.Locator("form.lang input[name=__RequestVerificationToken]").InputValueAsync();
        var language = await context.APIRequest.PostAsync("/Language", new APIRequestContextOptions
        {
            Form = FormData(context, ("__RequestVerificationToken", token), ("culture", "en"), ("returnUrl", "//evil.example/")),
            MaxRedirects = 0,
        });
        Assert.That(language.Status, Is.EqualTo(302));
        Assert.That(language.Headers["location"], Is.EqualTo("/"));
    }

    [Test]
    public async Task Responses_CarryTheSecurityHeaders()
    {
        await using var context = await App.NewContextAsync();
        var response = await context.APIRequest.GetAsync("/Login");
        var headers = response.Headers;
        Assert.Multiple(() =>
        {
            Assert.That(headers["content-security-policy"], Does.Contain("default-src 'self'").And.Contain("frame-ancestors 'none'"));
            Assert.That(headers["referrer-policy"], Is.EqualTo("no-referrer"));
            Assert.That(headers["x-content-type-options"], Is.EqualTo("nosniff"));
            Assert.That(headers.ContainsKey("server"), Is.False);
        });
        var css = CssLink().Match(await response.TextAsync());
        Assert.That(css.Success, Is.True, "the layout links the stylesheet");
        var stylesheet = await context.APIRequest.GetAsync(css.Groups[1].Value);
        Assert.That(stylesheet.Status, Is.EqualTo(200));
        Assert.That(stylesheet.Headers["content-type"], Does.StartWith("text/css"));
    }

    internal static IFormData FormData(IBrowserContext context, params (string Name, string Value)[] fields)
    {
        var form = context.APIRequest.CreateFormData();
        // Appended, not set: a name may repeat (the role form's managed domains).
        foreach (var (name, value) in fields)
        {
            form.Append(name, value);
        }

        return form;
    }

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex CssLink();
}
