using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Browser;

/// <summary>What every page must pass: axe-core without serious or critical violations, and a phone-sized full-page
/// screenshot kept as a test artifact.</summary>
internal static class PageCheck
{
    public static async Task AccessibleAsync(IPage page, string name)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")
            .ToArray();
        await ScreenshotAsync(page, name);
        Assert.That(bad, Is.Empty, $"axe on {name} ({page.Url})");
    }

    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Path.Combine(TestContext.CurrentContext.WorkDirectory, "screenshots");
        System.IO.Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        TestContext.AddTestAttachment(file, name);
    }
}
