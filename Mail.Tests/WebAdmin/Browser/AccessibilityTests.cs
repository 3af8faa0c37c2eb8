namespace Mail.Tests.WebAdmin.Browser;

/// <summary>Every page, signed out and signed in as the appliance admin, in Vietnamese and English: axe-core finds
/// nothing serious or critical, and a 375 px screenshot of each is kept.</summary>
internal sealed class AccessibilityTests
{
    private static BrowserAppliance App => BrowserAppliance.Current;

    [TestCase("vi")]
    [TestCase("en")]
    public async Task EveryPage_PassesAxe_AtPhoneWidth(string culture)
    {
        await using var signedOut = await App.NewContextAsync(culture);
        var login = await signedOut.NewPageAsync();
        await login.GotoAsync("/Login");
        Assert.That(await login.GetAttributeAsync("html", "lang"), Is.EqualTo(culture));
        await PageCheck.AccessibleAsync(login, $"{culture}-login");

        await using var context = await App.NewContextAsync(culture);
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        var pages = new (string Path, string Name)[]
        {
            ("/", "dashboard"),
            ("/Accounts", "accounts"),
            ("/Accounts?q=nguyen", "accounts-search"),
            ("/Accounts/New", "account-new"),
            ($"/Accounts/Edit?address={BrowserAppliance.Staff}", "account-edit"),
            ("/Password", "password"),
            ("/Audit", "audit"),
            ("/no-such-page", "not-found"),
        };
        foreach (var (path, name) in pages)
        {
            await page.GotoAsync(path);
            await PageCheck.AccessibleAsync(page, $"{culture}-{name}");
        }

        await using var staffContext = await App.NewContextAsync(culture);
        var staff = await BrowserAppliance.SignInAsync(staffContext, BrowserAppliance.Staff);
        await staff.GotoAsync("/Accounts");
        await PageCheck.AccessibleAsync(staff, $"{culture}-forbidden");
    }

    [Test]
    public async Task SkipLink_IsTheFirstStop_AndMovesFocusToTheContent()
    {
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        await page.Keyboard.PressAsync("Tab");
        Assert.That(await page.EvaluateAsync<string>("document.activeElement.className"), Is.EqualTo("skip"));
        await page.Keyboard.PressAsync("Enter");
        Assert.That(await page.EvaluateAsync<string>("document.activeElement.id"), Is.EqualTo("main"));
    }
}
