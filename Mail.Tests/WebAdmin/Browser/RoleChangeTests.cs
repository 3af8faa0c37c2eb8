namespace Mail.Tests.WebAdmin.Browser;

/// <summary>The appliance admin gives and takes roles and managed domains on an account's page; the directory shows
/// each change, the account's sessions follow it at once, and the appliance never loses its last admin.</summary>
internal sealed class RoleChangeTests
{
    private static BrowserAppliance App => BrowserAppliance.Current;

    [Test]
    public async Task Admin_MakesAStaffMemberDomainAdminOfAnotherDomain_WhoThenSeesOnlyThatDomain()
    {
        const string deputy = "phohieutruong@" + BrowserAppliance.Domain;
        await App.AddAccountAsync(deputy, "Trịnh Văn Phó");
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        await page.GotoAsync($"/Accounts/Edit?address={deputy}");
        Assert.That(await page.InputValueAsync("#role"), Is.EqualTo("user"));
        Assert.That(await RoleBoundaryTests.Values(page, "#role option"), Is.EqualTo(new[] { "user", "helpdesk", "domain-admin", "admin" }));
        Assert.That(await RoleBoundaryTests.Values(page, "input[name=manages]"), Is.EqualTo(new[] { BrowserAppliance.OtherDomain, BrowserAppliance.Domain }),
            "every hosted domain");

        await page.SelectOptionAsync("#role", "domain-admin");
        await page.CheckAsync($"input[name=manages][value='{BrowserAppliance.OtherDomain}']");
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Role'] button");
        Assert.That(await page.Locator("[role=status]").InnerTextAsync(), Is.EqualTo("Đã đổi vai trò."));
        Assert.That(await page.Locator("main p", new() { HasText = "Trạng thái" }).InnerTextAsync(), Does.Contain("Quản trị tên miền").And.Contain($"quản lý {BrowserAppliance.OtherDomain}"));
        Assert.That(await page.InputValueAsync("#role"), Is.EqualTo("domain-admin"), "the form shows the directory's state");
        Assert.That(await App.MustAsync("user", "show", deputy), Does.Contain($"roles: domain-admin\nmanages: {BrowserAppliance.OtherDomain}\n"));

        await using (var theirs = await App.NewContextAsync())
        {
            var own = await BrowserAppliance.SignInAsync(theirs, deputy);
            await own.GotoAsync("/Accounts?q=");
            var list = await own.Locator("tbody").InnerTextAsync();
            Assert.That(list, Does.Contain(BrowserAppliance.OtherStaff).And.Not.Contain(BrowserAppliance.Staff), "only the domain given, not their own");
            Assert.That((await own.GotoAsync($"/Accounts/Edit?address={BrowserAppliance.Staff}"))!.Status, Is.EqualTo(403));
            Assert.That((await own.GotoAsync($"/Accounts/Edit?address={BrowserAppliance.OtherStaff}"))!.Status, Is.EqualTo(200));

            // Taken back in the admin's browser: the deputy's next request already has no admin pages.
            await page.SelectOptionAsync("#role", "user");
            await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Role'] button");
            Assert.That(await App.MustAsync("user", "show", deputy), Does.Contain("roles: \nmanages: \n"), "staff again, no managed domain left behind");
            Assert.That((await own.GotoAsync("/Accounts"))!.Status, Is.EqualTo(403));
        }

        await page.GotoAsync("/Audit");
        var log = await page.Locator("tbody").InnerTextAsync();
        Assert.That(log, Does.Contain("Đổi vai trò").And.Contain($"user → domain-admin ({BrowserAppliance.OtherDomain})").And.Contain($"domain-admin ({BrowserAppliance.OtherDomain}) → user"));
    }

    [Test]
    public async Task TheLastEnabledAdmin_KeepsTheRole_AndNobodyChangesTheirOwnRole()
    {
        // A disabled admin does not count: it cannot sign in to give the role back.
        const string retired = "quantricu@" + BrowserAppliance.Domain;
        const string second = "quantri2@" + BrowserAppliance.Domain;
        await App.AddAccountAsync(retired, "Quản Trị Cũ", "--role", "admin");
        await App.MustAsync("user", "disable", retired);
        await App.AddAccountAsync(second, "Quản Trị Hai");
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        try
        {
            await page.GotoAsync($"/Accounts/Edit?address={BrowserAppliance.Admin}");
            Assert.That(await page.Locator("#role").CountAsync(), Is.Zero, "no role form on one's own page");
            var token = await page.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
            var last = await SelfDemotionAsync(context, token, BrowserAppliance.Admin);
            Assert.That(last, Does.Contain($"Thay đổi bị từ chối: {BrowserAppliance.Admin} là quản trị hệ thống cuối cùng đang hoạt động"));
            Assert.That(await App.MustAsync("user", "show", BrowserAppliance.Admin), Does.Contain("roles: admin\n"));

            await page.GotoAsync($"/Accounts/Edit?address={second}");
            await page.SelectOptionAsync("#role", "admin");
            await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Role'] button");
            Assert.That(await App.MustAsync("user", "show", second), Does.Contain("roles: admin\n"));
            var own = await SelfDemotionAsync(context, token, BrowserAppliance.Admin);
            Assert.That(own, Does.Contain("Thay đổi bị từ chối: không ai được tự đổi vai trò của mình"));
            Assert.That(await App.MustAsync("user", "show", BrowserAppliance.Admin), Does.Contain("roles: admin\n"));

            // The second admin may take the first one's role; then they are the last and keep theirs.
            await using var secondContext = await App.NewContextAsync();
            var theirs = await BrowserAppliance.SignInAsync(secondContext, second);
            await theirs.GotoAsync($"/Accounts/Edit?address={BrowserAppliance.Admin}");
            await theirs.SelectOptionAsync("#role", "user");
            await BrowserAppliance.SubmitAsync(theirs, "form[action*='handler=Role'] button");
            Assert.That(await App.MustAsync("user", "show", BrowserAppliance.Admin), Does.Contain("roles: \n"));
            Assert.That((await page.GotoAsync("/Audit"))!.Status, Is.EqualTo(403), "the demoted admin's session lost the role at once");
            var secondToken = await theirs.Locator("input[name=__RequestVerificationToken]").First.InputValueAsync();
            Assert.That(await SelfDemotionAsync(secondContext, secondToken, second), Does.Contain($"{second} là quản trị hệ thống cuối cùng đang hoạt động"));
            Assert.That(await App.MustAsync("user", "show", second), Does.Contain("roles: admin\n"));
        }
        finally
        {
            await App.MustAsync("user", "role", BrowserAppliance.Admin, "admin");
            await App.MustAsync("user", "role", second, "user");
        }
    }

    // A role form posted by hand for one's own account: the page comes back with the refusal beside the form.
    private static async Task<string> SelfDemotionAsync(Microsoft.Playwright.IBrowserContext context, string token, string self)
    {
        var response = await RoleBoundaryTests.PostAsync(context, $"/Accounts/Edit?address={self}&handler=Role", token, ("role", "user"));
        Assert.That(response.Status, Is.EqualTo(200));
        return await response.TextAsync();
    }
}
