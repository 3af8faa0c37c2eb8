using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Browser;

/// <summary>A domain admin acts only in their domain and a helpdesk account only resets and disables, whatever URL or
/// form they send by hand.</summary>
internal sealed class RoleBoundaryTests
{
    private static BrowserAppliance App => BrowserAppliance.Current;

    [Test]
    public async Task DomainAdmin_NeitherSeesNorTouchesAnotherDomain_EvenByUrl()
    {
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.DomainAdmin);
        await page.GotoAsync("/Accounts?q=");
        var list = await page.Locator("tbody").InnerTextAsync();
        Assert.That(list, Does.Contain(BrowserAppliance.Staff).And.Not.Contain(BrowserAppliance.OtherDomain));
        await page.GotoAsync("/Accounts?q=binh");
        Assert.That(await page.Locator("tbody tr").CountAsync(), Is.Zero);

        foreach (var address in new[] { BrowserAppliance.OtherStaff, BrowserAppliance.Admin })
        {
            var response = await page.GotoAsync($"/Accounts/Edit?address={address}");
            Assert.That(response!.Status, Is.EqualTo(403), address);
        }

        await page.GotoAsync("/Accounts/New");
        Assert.That(await page.Locator("#domain option").AllInnerTextsAsync(), Is.EqualTo(new[] { BrowserAppliance.Domain }));
        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();

        var delete = await PostAsync(context, $"/Accounts/Edit?address={BrowserAppliance.OtherStaff}&handler=Delete", token, ("confirm", "true"));
        Assert.That(delete.Status, Is.EqualTo(403), "a hand-made delete of another domain's account");
        var create = await PostAsync(context, "/Accounts/New", token, ("LocalPart", "intruder"), ("Domain", BrowserAppliance.OtherDomain),
            ("Name", "Kẻ Lạ"), ("Password", "Intruder-2026-pass"));
        Assert.That(create.Status, Is.EqualTo(403), "a hand-made create in another domain");
        var alias = await PostAsync(context, $"/Accounts/Edit?address={BrowserAppliance.Staff}&handler=AddAlias", token, ("alias", "an@" + BrowserAppliance.OtherDomain));
        Assert.That(alias.Status, Is.EqualTo(403), "an alias in another domain");
        Assert.That(await App.MustAsync("user", "show", BrowserAppliance.OtherStaff), Does.Contain("status: enabled"));
        Assert.That((await App.Cli.RunAsync("user", "show", "intruder@" + BrowserAppliance.OtherDomain)).ExitCode, Is.Not.Zero);
    }

    [Test]
    public async Task Helpdesk_ResetsAndDisables_ButCannotEditOrDelete()
    {
        const string target = "giaovien1@" + BrowserAppliance.Domain;
        await App.AddAccountAsync(target, "Võ Thị Giáo");
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Helpdesk);
        Assert.That(await page.Locator("nav a").AllInnerTextsAsync(), Is.EqualTo(new[] { "Tổng quan", "Tài khoản", "Mật khẩu của tôi" }));

        await page.GotoAsync($"/Accounts/Edit?address={target}");
        Assert.Multiple(async () =>
        {
            Assert.That(await page.Locator("form[action*='handler=Password']").CountAsync(), Is.EqualTo(1));
            Assert.That(await page.Locator("form[action*='handler=Disable']").CountAsync(), Is.EqualTo(1));
            Assert.That(await page.Locator("form[action*='handler=Delete'], form[action*='handler=Rename'], form[action*='handler=AddAlias']").CountAsync(), Is.Zero);
        });

        await page.FillAsync("#password", "Giao-mat-khau-2027");
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Password'] button");
        Assert.That(await page.Locator("[role=status]").InnerTextAsync(), Is.EqualTo("Đã đặt mật khẩu mới."));
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Disable'] button");
        Assert.That(await App.MustAsync("user", "show", target), Does.Contain("status: disabled"));

        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var delete = await PostAsync(context, $"/Accounts/Edit?address={target}&handler=Delete", token, ("confirm", "true"));
        Assert.That(delete.Status, Is.EqualTo(403), "helpdesk cannot delete");
        var rename = await PostAsync(context, $"/Accounts/Edit?address={target}&handler=Rename", token, ("name", "Đổi Tên"));
        Assert.That(rename.Status, Is.EqualTo(403), "helpdesk cannot rename");
        Assert.That(await App.MustAsync("user", "show", target), Does.Contain("name: Võ Thị Giáo"));

        // An account holding a role is out of the helpdesk's reach: resetting an admin's password would own the appliance.
        var reset = await PostAsync(context, $"/Accounts/Edit?address={BrowserAppliance.Admin}&handler=Password", token, ("password", "Takeover-2026-pass"));
        Assert.That(reset.Status, Is.EqualTo(403));
        foreach (var path in new[] { "/Accounts/New", "/Audit", $"/Accounts/Edit?address={BrowserAppliance.DomainAdmin}" })
        {
            Assert.That((await page.GotoAsync(path))!.Status, Is.EqualTo(403), path);
        }
    }

    [Test]
    public async Task DomainAdmin_MakesAnAccountHelpdesk_ButNoHandMadePostGivesAnAdminRoleOrAnotherDomain()
    {
        const string teacher = "giaovien2@" + BrowserAppliance.Domain;
        await App.AddAccountAsync(teacher, "Hồ Thị Giáo");
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.DomainAdmin);
        await page.GotoAsync($"/Accounts/Edit?address={teacher}");
        Assert.That(await Values(page, "#role option"), Is.EqualTo(new[] { "user", "helpdesk" }), "a domain admin offers no admin role");
        Assert.That(await Values(page, "input[name=manages]"), Is.EqualTo(new[] { BrowserAppliance.Domain }), "only their own domain");
        await PageCheck.AccessibleAsync(page, "vi-account-edit-domain-admin");

        await page.SelectOptionAsync("#role", "helpdesk");
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Role'] button");
        Assert.That(await page.Locator("[role=status]").InnerTextAsync(), Is.EqualTo("Đã đổi vai trò."));
        Assert.That(await App.MustAsync("user", "show", teacher), Does.Contain("roles: helpdesk\n"));

        var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var refused = new (string Target, (string, string)[] Fields)[]
        {
            (teacher, [("role", "admin")]),
            (teacher, [("role", "domain-admin")]),
            (teacher, [("role", "helpdesk"), ("manages", BrowserAppliance.Domain), ("manages", BrowserAppliance.OtherDomain)]),
            (BrowserAppliance.DomainAdmin, [("role", "domain-admin"), ("manages", BrowserAppliance.OtherDomain)]),
            (BrowserAppliance.Admin, [("role", "user")]),
        };
        foreach (var (target, fields) in refused)
        {
            var response = await PostAsync(context, $"/Accounts/Edit?address={target}&handler=Role", token, fields);
            Assert.That(response.Status, Is.EqualTo(403), $"{target}: {string.Join(", ", fields)}");
        }

        Assert.That(await App.MustAsync("user", "show", teacher), Does.Contain("roles: helpdesk\nmanages: \n"));
        Assert.That(await App.MustAsync("user", "show", BrowserAppliance.DomainAdmin), Does.Contain("roles: domain-admin\nmanages: \n"));
        Assert.That(await App.MustAsync("user", "show", BrowserAppliance.Admin), Does.Contain("roles: admin\n"));

        // Helpdesk gives no role at all, not even to a staff member of its own domain.
        await using var helpdesk = await App.NewContextAsync();
        var desk = await BrowserAppliance.SignInAsync(helpdesk, BrowserAppliance.Helpdesk);
        await desk.GotoAsync($"/Accounts/Edit?address={BrowserAppliance.Staff}");
        Assert.That(await desk.Locator("#role").CountAsync(), Is.Zero);
        var deskToken = await desk.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
        var byHelpdesk = await PostAsync(helpdesk, $"/Accounts/Edit?address={BrowserAppliance.Staff}&handler=Role", deskToken, ("role", "helpdesk"));
        Assert.That(byHelpdesk.Status, Is.EqualTo(403));
        Assert.That(await App.MustAsync("user", "show", BrowserAppliance.Staff), Does.Contain("roles: \n"));
    }

    internal static Task<string[]> Values(IPage page, string selector) =>
        page.Locator(selector).EvaluateAllAsync<string[]>("elements => elements.map(e => e.value)");

    internal static Task<IAPIResponse> PostAsync(IBrowserContext context, string path, string token, params (string Name, string Value)[] fields) =>
        context.APIRequest.PostAsync(path, new APIRequestContextOptions
        {
            Form = SignInTests.FormData(context, [("__RequestVerificationToken", token), .. fields]),
            MaxRedirects = 0,
        });
}
