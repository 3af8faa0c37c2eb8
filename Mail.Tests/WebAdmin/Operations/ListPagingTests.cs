using System.Globalization;
using Mail.Tests.WebAdmin.Browser;
using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Operations;

/// <summary>The group and queue lists show 50 entries a page, keep the search in the pager's links, and the paged
/// pages pass axe in both languages.</summary>
internal sealed class ListPagingTests
{
    private static OperationsAppliance App => OperationsAppliance.Current;

    [Test]
    public async Task GroupList_ShowsFiftyAPage_WithTheSearchKeptInThePagerLinks()
    {
        var (context, page) = await App.SignInAsync(OperationsAppliance.Admin);
        await using var _ = context;
        await page.GotoAsync("/Groups/New");
        var token = await page.InputValueAsync("input[name=__RequestVerificationToken]");
        var expected = Enumerable.Range(1, 55).Select(i => $"lop10a{i:00}@{OperationsAppliance.Domain}").ToArray();
        foreach (var (address, i) in expected.Select((a, i) => (a, i + 1)))
        {
            var response = await context.APIRequest.PostAsync("/Groups/New", new APIRequestContextOptions
            {
                Form = SignInTests.FormData(context, ("__RequestVerificationToken", token), ("LocalPart", address[..address.IndexOf('@', StringComparison.Ordinal)]),
                    ("Domain", OperationsAppliance.Domain), ("Name", $"Lớp 10A{i:00}"), ("Policy", "Anyone")),
                MaxRedirects = 0,
            });
            Assert.That(response.Status, Is.EqualTo(302), address);
        }

        var shown = await WalkAsync(page, "/Groups?q=lop 10a", "55 nhóm thư", "table a", 50, 5);
        Assert.That(shown, Is.EqualTo(expected), "every group once, in address order");
    }

    [Test]
    public async Task QueueList_ShowsFiftyAPage_WithTheSearchKeptInThePagerLinks()
    {
        // Each message waits in the queue for an outside member whose domain's DNS fails.
        var group = "phantrang@" + OperationsAppliance.Domain;
        await App.MustAsync("group", "add", group, "--name", "Phân trang", "--policy", "anyone");
        await App.MustAsync("group", "member", "add", group, "phantrang@" + OperationsAppliance.Unreachable);
        var ids = new List<string>();
        for (var i = 1; i <= 52; i++)
        {
            ids.Add(await App.SendAsync(group, $"Thư số {i.ToString(CultureInfo.InvariantCulture)}"));
        }

        var (context, page) = await App.SignInAsync(OperationsAppliance.Admin);
        await using var _ = context;
        var shown = await WalkAsync(page, $"/Queue?q=phantrang@{OperationsAppliance.Unreachable}", "52 thư đang chờ", "tbody tr td:first-child a", 50, 2);
        Assert.That(shown, Is.EqualTo(ids), "every message once, oldest first");
    }

    // Opens the first page of a search, checks it and the pager, follows "next" to the second and last page, checks
    // both pages with axe in Vietnamese and English, comes back with "previous"; returns the entries of both pages.
    private static async Task<List<string>> WalkAsync(IPage page, string search, string count, string entries, int first, int second)
    {
        await page.GotoAsync(search);
        var query = new Uri(page.Url).Query;
        Assert.That(await page.Locator("p[role=status]").Last.InnerTextAsync(), Is.EqualTo(count));
        Assert.That(await page.Locator(entries).CountAsync(), Is.EqualTo(first));
        var pager = page.Locator("nav.pager");
        Assert.That(await pager.GetAttributeAsync("aria-label"), Is.EqualTo("Phân trang"));
        Assert.That(await pager.InnerTextAsync(), Does.Contain("Trang 1 / 2"));
        Assert.That(await page.Locator("a[rel=prev]").CountAsync(), Is.Zero);
        var shown = (await page.Locator(entries).AllInnerTextsAsync()).ToList();

        var next = page.Locator("a[rel=next]");
        Assert.That(await next.InnerTextAsync(), Is.EqualTo("Trang sau"));
        await next.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => url.Contains("p=2", StringComparison.Ordinal));
        Assert.That(new Uri(page.Url).Query, Is.EqualTo(query + "&p=2"), "the search stays in the link");
        Assert.That(await page.Locator(entries).CountAsync(), Is.EqualTo(second));
        Assert.That(await page.Locator("nav.pager").InnerTextAsync(), Does.Contain("Trang 2 / 2"));
        Assert.That(await page.Locator("a[rel=next]").CountAsync(), Is.Zero);
        shown.AddRange(await page.Locator(entries).AllInnerTextsAsync());
        var name = search.Split('?')[0].Trim('/').ToLowerInvariant();
        await PageCheck.AccessibleAsync(page, $"vi-{name}-page-2");
        await page.Context.AddCookiesAsync([new Cookie { Name = ".AspNetCore.Culture", Value = "c=en|uic=en", Url = App.BaseUri.ToString(), Secure = true }]);
        await page.ReloadAsync();
        Assert.That(await page.Locator("nav.pager").InnerTextAsync(), Does.Contain("Page 2 of 2"));
        await PageCheck.AccessibleAsync(page, $"en-{name}-page-2");

        await BrowserAppliance.SubmitAsync(page, "a[rel=prev]");
        Assert.That(await page.Locator(entries).CountAsync(), Is.EqualTo(first));
        return shown;
    }
}
