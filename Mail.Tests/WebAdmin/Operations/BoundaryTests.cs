using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Operations;

/// <summary>A school's admin stays inside their domain whatever URL they type; helpdesk reaches none of these pages.</summary>
internal sealed class BoundaryTests
{
    private static OperationsAppliance App => OperationsAppliance.Current;

    [Test]
    public async Task DomainAdmin_CannotOpenAnotherDomainsGroupDomainOrQueuedMessage()
    {
        var (context, page) = await App.SignInAsync(OperationsAppliance.DomainAdmin);
        await using var _ = context;
        var id = App.OtherDomainQueueId;
        var cases = new (string Path, int Status)[]
        {
            ($"/Groups/Edit?address={OperationsAppliance.OtherGroup}", 403),
            ($"/Domains/Show?name={OperationsAppliance.OtherDomain}", 403),
            ($"/Queue/Message?id={id}", 404),
        };
        foreach (var (path, status) in cases)
        {
            var response = await page.GotoAsync(path);
            Assert.That(response!.Status, Is.EqualTo(status), path);
        }

        await page.GotoAsync("/Groups");
        Assert.That(await page.Locator("table").InnerTextAsync(), Does.Not.Contain(OperationsAppliance.OtherDomain));
        await page.GotoAsync("/Domains");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Not.Contain(OperationsAppliance.OtherDomain));
        Assert.That(await page.Locator("#new-domain").CountAsync(), Is.Zero, "only the appliance admin adds domains");
        await page.GotoAsync("/Queue");
        Assert.That(await page.Locator("main").InnerTextAsync(), Does.Not.Contain(id));

        // Forms posted by hand with a valid antiforgery token are refused too, and change nothing.
        await page.GotoAsync("/Groups/New");
        var token = await page.InputValueAsync("input[name=__RequestVerificationToken]");
        var posts = new (string Path, (string, string)[] Fields, int Status)[]
        {
            ($"/Groups/Edit?address={OperationsAppliance.OtherGroup}&handler=AddMember", [("member", OperationsAppliance.DomainAdmin)], 403),
            ($"/Groups/Edit?address={OperationsAppliance.OtherGroup}&handler=Delete", [("confirm", "true")], 403),
            ("/Groups/New", [("LocalPart", "xam"), ("Domain", OperationsAppliance.OtherDomain), ("Name", "Xâm nhập"), ("Policy", "Anyone")], 403),
            ($"/Queue/Message?id={id}&handler=Delete", [("confirm", "true")], 404),
            ("/Domains", [("NewDomain", "xam.edu.vn")], 403),
        };
        foreach (var (path, fields, status) in posts)
        {
            var form = context.APIRequest.CreateFormData();
            form.Set("__RequestVerificationToken", token);
            foreach (var (name, value) in fields)
            {
                form.Set(name, value);
            }

            var response = await context.APIRequest.PostAsync(path, new APIRequestContextOptions { Form = form, MaxRedirects = 0 });
            Assert.That(response.Status, Is.EqualTo(status), path);
        }

        Assert.That(await App.MustAsync("group", "show", OperationsAppliance.OtherGroup), Does.Not.Contain(OperationsAppliance.DomainAdmin));
        Assert.That(await App.MustAsync("queue", "list"), Does.Contain(id));
        Assert.That(await App.MustAsync("domain", "list"), Does.Not.Contain("xam.edu.vn"));
    }

    [Test]
    public async Task Helpdesk_GetsNoneOfThesePages()
    {
        var (context, page) = await App.SignInAsync(OperationsAppliance.Helpdesk);
        await using var _ = context;
        foreach (var path in new[] { "/Groups", "/Groups/New", "/Domains", $"/Domains/Show?name={OperationsAppliance.Domain}", "/Queue", "/Import" })
        {
            var response = await page.GotoAsync(path);
            Assert.That(response!.Status, Is.EqualTo(403), path);
        }

        await page.GotoAsync("/");
        Assert.That(await page.Locator("nav a").AllInnerTextsAsync(), Does.Not.Contain("Nhóm thư").And.Not.Contain("Hàng đợi"));
    }
}
