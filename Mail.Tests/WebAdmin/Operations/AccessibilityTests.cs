using Mail.Tests.WebAdmin.Browser;

namespace Mail.Tests.WebAdmin.Operations;

/// <summary>The dashboard, domain, group, queue and import pages in Vietnamese and English: axe-core finds nothing
/// serious or critical, and a 375 px screenshot of each is kept.</summary>
internal sealed class AccessibilityTests
{
    private static OperationsAppliance App => OperationsAppliance.Current;

    [TestCase("vi")]
    [TestCase("en")]
    public async Task EveryOperationsPage_PassesAxe_AtPhoneWidth(string culture)
    {
        var group = $"axe-{culture}@{OperationsAppliance.Domain}";
        await App.MustAsync("group", "add", group, "--name", "Nhóm kiểm tra", "--policy", "senders");
        await App.MustAsync("group", "member", "add", group, OperationsAppliance.Staff, "hieu@" + OperationsAppliance.Unreachable);
        await App.MustAsync("group", "sender", "add", group, OperationsAppliance.DomainAdmin);
        await App.MustAsync("alias", "add", group, $"axe-alias-{culture}@{OperationsAppliance.Domain}");

        var (context, page) = await App.SignInAsync(OperationsAppliance.Admin, culture);
        await using var _ = context;
        var pages = new (string Path, string Name)[]
        {
            ("/", "dashboard"),
            ("/Domains", "domains"),
            ($"/Domains/Show?name={OperationsAppliance.Domain}", "domain"),
            ("/Groups", "groups"),
            ("/Groups/New", "group-new"),
            ($"/Groups/Edit?address={group}", "group-edit"),
            ("/Queue", "queue"),
            ($"/Queue/Message?id={App.OtherDomainQueueId}", "queue-message"),
            ("/Import", "import"),
            ("/Audit", "audit-operations"),
        };
        foreach (var (path, name) in pages)
        {
            var response = await page.GotoAsync(path);
            Assert.That(response!.Status, Is.EqualTo(200), path);
            await PageCheck.AccessibleAsync(page, $"{culture}-{name}");
        }

        await page.GotoAsync("/Import");
        await page.FillAsync("#csv", $"Nguyễn Thị Kiểm Thử {culture},,\n,,\nLê Văn Lỗi,,sai-dia-chi");
        await BrowserAppliance.SubmitAsync(page, "form button.primary");
        await PageCheck.AccessibleAsync(page, $"{culture}-import-errors");
        Assert.That(await page.Locator("tr.bad").CountAsync(), Is.EqualTo(2), "the missing name and the bad address");
        Assert.That(await page.Locator("form[action*='Commit']").CountAsync(), Is.Zero, "nothing to commit while a row is wrong");

        await page.GotoAsync("/Import");
        await page.FillAsync("#csv", $"Phan Văn Axe {culture}");
        await BrowserAppliance.SubmitAsync(page, "form button.primary");
        await PageCheck.AccessibleAsync(page, $"{culture}-import-preview");
        await BrowserAppliance.SubmitAsync(page, "form[action*='Commit'] button");
        Assert.That(await page.Locator("article.slip").CountAsync(), Is.EqualTo(1));
        await PageCheck.AccessibleAsync(page, $"{culture}-import-slips");
        await page.EmulateMediaAsync(new() { Media = Microsoft.Playwright.Media.Print });
        await PageCheck.ScreenshotAsync(page, $"{culture}-import-slips-print");
        Assert.That(await page.Locator("header.top").IsVisibleAsync(), Is.False, "the print view shows the slips alone");
    }
}
