using Mail.Tests.WebAdmin.Browser;

namespace Mail.Tests.WebAdmin.Operations;

/// <summary>The domain pages in a real browser, with DNS answered by the fixture's fake server.</summary>
internal sealed class DomainPageTests
{
    private static OperationsAppliance App => OperationsAppliance.Current;

    [Test]
    public async Task DomainPage_ShowsTheRecordsToPublish_AndWhatDnsAnswersForEach()
    {
        var (context, page) = await App.SignInAsync(OperationsAppliance.Admin, "en");
        await using var _ = context;
        await page.GotoAsync($"/Domains/Show?name={OperationsAppliance.Domain}");

        var zone = await page.InputValueAsync("#zone");
        Assert.That(zone, Does.Contain($"{OperationsAppliance.Domain}. IN MX 10 mail.{OperationsAppliance.Domain}.")
            .And.Contain($"._domainkey.{OperationsAppliance.Domain}. IN TXT ( \"v=DKIM1; k=rsa; p=")
            .And.Contain($"_dmarc.{OperationsAppliance.Domain}. IN TXT \"v=DMARC1;")
            .And.Contain($"autoconfig.{OperationsAppliance.Domain}. IN CNAME mail.{OperationsAppliance.Domain}."));

        Assert.Multiple(async () =>
        {
            Assert.That(await Status(page, "MX"), Is.EqualTo("ok"));
            Assert.That(await Status(page, "SPF"), Is.EqualTo("ok"), "v=spf1 mx -all allows the MX host's 127.0.0.1");
            Assert.That(await Status(page, "DMARC"), Is.EqualTo("missing"));
            Assert.That(await page.Locator("tr[data-purpose^='DKIM'][data-status='missing']").CountAsync(), Is.EqualTo(2), "RSA and Ed25519 keys, neither published");
            Assert.That(await page.Locator("tr[data-purpose='MX'] code.found").InnerTextAsync(), Is.EqualTo($"10 mail.{OperationsAppliance.Domain}."));
            Assert.That(await page.Locator("tr[data-purpose='DMARC'] td").Nth(0).InnerTextAsync(), Does.StartWith("Missing")
                .And.Contain("no DMARC policy: receivers cannot tell forgeries of the domain apart"));
            Assert.That(await page.Locator("tr[data-purpose='SPF'] td").Nth(0).InnerTextAsync(),
                Does.Contain($"the record allows every address of mail.{OperationsAppliance.Domain}"));
        });
    }

    [Test]
    public async Task ApplianceAdmin_AddsADomain_WhichGetsDkimKeys()
    {
        var (context, page) = await App.SignInAsync(OperationsAppliance.Admin);
        await using var _ = context;
        await page.GotoAsync("/Domains");
        await page.FillAsync("#new-domain", "Moi.Edu.VN");
        await BrowserAppliance.SubmitAsync(page, "form button.primary");

        Assert.That(page.Url, Does.Contain("/Domains/Show?name=moi.edu.vn"));
        Assert.That(await page.Locator("p.done").InnerTextAsync(), Does.Contain("khóa DKIM"));
        Assert.That(await page.Locator("tr[data-purpose^='DKIM']").CountAsync(), Is.EqualTo(2));
        Assert.That(await page.Locator("tr[data-purpose^='DKIM'] td").First.InnerTextAsync(),
            Does.Contain("chưa công bố: máy chủ nhận không kiểm tra được chữ ký của khóa này"), "the DNS check's notes are translated");
        Assert.That(await page.Locator("tr[data-purpose='host address'] th").InnerTextAsync(), Does.StartWith("địa chỉ máy chủ"), "record kinds that are not names are translated");
        Assert.That(await page.Locator("tr[data-purpose='host address'] td").Nth(1).InnerTextAsync(), Does.Contain("IPv4 và IPv6 công khai"));
        Assert.That(await page.Locator("tr[data-purpose='MX'] th span").GetAttributeAsync("lang"), Is.EqualTo("en"), "a record type stays a name");
        Assert.That(await App.MustAsync("domain", "list"), Does.Contain("moi.edu.vn"));
        Assert.That(await App.MustAsync("dkim", "show", "moi.edu.vn"), Does.Contain("._domainkey.moi.edu.vn."));
    }

    private static Task<string?> Status(Microsoft.Playwright.IPage page, string purpose) =>
        page.GetAttributeAsync($"tr[data-purpose='{purpose}']", "data-status");
}
