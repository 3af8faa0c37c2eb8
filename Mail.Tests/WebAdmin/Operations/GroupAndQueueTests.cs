using Mail.Tests.Fixtures;
using Mail.Tests.WebAdmin.Browser;

namespace Mail.Tests.WebAdmin.Operations;

/// <summary>Groups made in the browser carry mail; the queue page shows and deletes waiting mail.</summary>
internal sealed class GroupAndQueueTests
{
    private static OperationsAppliance App => OperationsAppliance.Current;

    [Test]
    public async Task GroupMadeInTheBrowser_DeliversToTheMemberAddedThere()
    {
        var (context, page) = await App.SignInAsync(OperationsAppliance.DomainAdmin);
        await using var _ = context;
        await page.GotoAsync("/Groups/New");
        await page.FillAsync("#local", "totoan");
        await page.FillAsync("#name", "Tổ Toán");
        await page.SelectOptionAsync("#policy", "Anyone");
        await BrowserAppliance.SubmitAsync(page, "form button.primary");
        var group = "totoan@" + OperationsAppliance.Domain;
        Assert.That(await page.Locator("h1 .sub").InnerTextAsync(), Is.EqualTo(group));

        await page.FillAsync("#member", OperationsAppliance.Staff);
        await BrowserAppliance.SubmitAsync(page, "form[action*='AddMember'] button");
        Assert.That(await page.Locator("p.done").InnerTextAsync(), Is.EqualTo("Đã thêm thành viên."));
        Assert.That(await page.Locator(".members li").AllInnerTextsAsync(), Has.Some.Contains(OperationsAppliance.Staff));

        await page.GotoAsync("/Groups?q=to toan");
        Assert.That(await page.Locator("table a").AllInnerTextsAsync(), Is.EqualTo(new[] { group }), "found without diacritics");

        await App.SendAsync(group, "Lịch họp tổ");
        var inbox = await App.MustAsync("mailbox", "list", OperationsAppliance.Staff);
        Assert.That(inbox, Does.Contain("INBOX\t-\t1 messages"));
        Assert.That(await App.MustAsync("group", "show", group), Does.Contain(OperationsAppliance.Staff).And.Contain("anyone"));

        // Policy, allowed sender and member removal, each seen by the CLI's reading of the directory.
        await page.GotoAsync($"/Groups/Edit?address={group}");
        await page.SelectOptionAsync("#policy", "Senders");
        await BrowserAppliance.SubmitAsync(page, "form[action*='Policy'] button");
        await page.FillAsync("#sender", "gv@sender.example");
        await BrowserAppliance.SubmitAsync(page, "form[action*='AddSender'] button");
        await BrowserAppliance.SubmitAsync(page, "form[action*='RemoveMember'] button");
        Assert.That(await page.Locator("p.done").InnerTextAsync(), Is.EqualTo("Đã gỡ thành viên."));
        var show = await App.MustAsync("group", "show", group);
        Assert.That(show, Does.Contain("senders").And.Contain("gv@sender.example").And.Not.Contain(OperationsAppliance.Staff));
    }

    [Test]
    public async Task AGroupAliasAddedInTheBrowser_CarriesMailToTheMembers_UntilRemoved()
    {
        var member = "thanhvien@" + OperationsAppliance.Domain;
        var group = "tochuyenmon@" + OperationsAppliance.Domain;
        var alias = "tcm@" + OperationsAppliance.Domain;
        await App.MustAsync("user", "add", member, "--name", "Mai Thị Thành Viên", "--password", OperationsAppliance.Password);
        await App.MustAsync("group", "add", group, "--name", "Tổ chuyên môn", "--policy", "anyone");
        await App.MustAsync("group", "member", "add", group, member);
        Assert.That(await App.RecipientReplyAsync(alias), Does.StartWith("550"), "unknown before");

        var (context, page) = await App.SignInAsync(OperationsAppliance.DomainAdmin);
        await using var _ = context;
        await page.GotoAsync($"/Groups/Edit?address={group}");
        await page.FillAsync("#alias", alias);
        await BrowserAppliance.SubmitAsync(page, "form[action*='AddAlias'] button");
        Assert.That(await page.Locator("p.done").InnerTextAsync(), Does.StartWith("Đã thêm địa chỉ"));
        Assert.That(await page.Locator(".aliases li").AllInnerTextsAsync(), Has.Some.Contains(alias));
        Assert.That(await App.MustAsync("group", "show", group), Does.Contain($"aliases: {alias}\n"));
        await App.SendAsync(alias, "Họp tổ chuyên môn");
        Assert.That(await App.MustAsync("mailbox", "list", member), Does.Contain("INBOX\t-\t1 messages"), "mail to the alias reaches the member");

        // An address in use is refused with the reason in the page's language; another domain's by hand is forbidden.
        await page.FillAsync("#alias", OperationsAppliance.Staff);
        await BrowserAppliance.SubmitAsync(page, "form[action*='AddAlias'] button");
        Assert.That(await page.Locator(".errors").InnerTextAsync(),
            Does.Contain($"Thay đổi bị từ chối: địa chỉ {OperationsAppliance.Staff} đã được một tài khoản hoặc nhóm thư sử dụng"));
        await page.FillAsync("#alias", group);
        await BrowserAppliance.SubmitAsync(page, "form[action*='AddAlias'] button");
        Assert.That(await page.Locator(".errors").InnerTextAsync(), Does.Contain($"địa chỉ {group} đã được một tài khoản hoặc nhóm thư sử dụng"));
        var token = await page.InputValueAsync("input[name=__RequestVerificationToken] >> nth=0");
        var form = context.APIRequest.CreateFormData();
        form.Set("__RequestVerificationToken", token);
        form.Set("alias", "tcm@" + OperationsAppliance.OtherDomain);
        var other = await context.APIRequest.PostAsync($"/Groups/Edit?address={group}&handler=AddAlias", new() { Form = form, MaxRedirects = 0 });
        Assert.That(other.Status, Is.EqualTo(403));
        Assert.That(await App.MustAsync("group", "show", group), Does.Contain($"aliases: {alias}\n"), "nothing else was added");

        await page.GotoAsync($"/Groups/Edit?address={group}");
        await BrowserAppliance.SubmitAsync(page, "form[action*='RemoveAlias'] button");
        Assert.That(await page.Locator("p.done").InnerTextAsync(), Does.StartWith("Đã gỡ bỏ địa chỉ"));
        Assert.That(await App.RecipientReplyAsync(alias), Does.StartWith("550"), "refused once removed");

        await page.GotoAsync("/Audit");
        var log = await page.Locator("tbody").InnerTextAsync();
        Assert.That(log, Does.Contain("Thêm địa chỉ cho nhóm thư").And.Contain("Gỡ bỏ địa chỉ của nhóm thư").And.Contain(alias));
    }

    [Test]
    public async Task AGroupPublishedInTheBrowser_IsInThePublicContactList_UntilWithdrawn()
    {
        var group = "vanphong@" + OperationsAppliance.Domain;
        await App.MustAsync("group", "add", group, "--name", "Văn phòng");
        var (context, page) = await App.SignInAsync(OperationsAppliance.DomainAdmin);
        await using var _ = context;
        await page.GotoAsync($"/Groups/Edit?address={group}");
        Assert.That(await page.IsCheckedAsync("#isPublic"), Is.False);

        await page.CheckAsync("#isPublic");
        await BrowserAppliance.SubmitAsync(page, "form[action*='Public'] button");
        Assert.That(await page.Locator("p.done").InnerTextAsync(), Is.EqualTo("Đã lưu thiết lập danh bạ công khai."));
        Assert.That(await page.IsCheckedAsync("#isPublic"), Is.True, "the page shows the directory's state");
        Assert.That(await ContactsAsync(context), Does.Contain($"\"address\": \"{group}\""));

        await page.UncheckAsync("#isPublic");
        await BrowserAppliance.SubmitAsync(page, "form[action*='Public'] button");
        Assert.That(await page.IsCheckedAsync("#isPublic"), Is.False);
        Assert.That(await ContactsAsync(context), Does.Not.Contain(group));

        await page.GotoAsync("/Audit");
        Assert.That(await page.Locator("tbody tr").First.InnerTextAsync(), Does.Contain("Công khai hoặc rút nhóm khỏi danh bạ").And.Contain(group));
    }

    [Test]
    public async Task MarkupInAGroupName_IsShownAsText()
    {
        const string Name = "<img src=x onerror=alert(1)> Tổ Văn";
        var group = "tovan@" + OperationsAppliance.Domain;
        await App.MustAsync("group", "add", group, "--name", Name);
        var (context, page) = await App.SignInAsync(OperationsAppliance.Admin);
        await using var _ = context;
        foreach (var path in new[] { "/Groups?q=van", $"/Groups/Edit?address={group}" })
        {
            await page.GotoAsync(path);
            Assert.That(await page.Locator("main img").CountAsync(), Is.Zero, path);
            Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain(Name), path);
        }
    }

    private static async Task<string> ContactsAsync(Microsoft.Playwright.IBrowserContext context)
    {
        var response = await context.APIRequest.GetAsync($"/contacts/{OperationsAppliance.Domain}.json");
        Assert.That(response.Status, Is.EqualTo(200));
        return await response.TextAsync();
    }

    [Test]
    public async Task QueuePage_ListsWaitingMail_AndDeleteAfterConfirmationRemovesIt()
    {
        var group = "lienthong@" + OperationsAppliance.Domain;
        await App.MustAsync("group", "add", group, "--name", "Liên thông", "--policy", "anyone");
        await App.MustAsync("group", "member", "add", group, "phong@" + OperationsAppliance.Unreachable);
        var id = await App.SendAsync(group, "Báo cáo tuần");

        var (context, page) = await App.SignInAsync(OperationsAppliance.Admin, "en");
        await using var _ = context;
        await page.GotoAsync($"/Queue?q={id}");
        var row = page.Locator($"tr[data-id='{id}']");
        Assert.That(await row.InnerTextAsync(), Does.Contain("gv@sender.example").And.Contain("phong@" + OperationsAppliance.Unreachable).And.Contain("waiting"));

        await page.ClickAsync($"a:text('{id}')");
        await BrowserAppliance.SubmitAsync(page, "form[action*='Retry'] button");
        Assert.That(await page.Locator("p.done").InnerTextAsync(), Does.Contain("within a second"));

        // The box is required: the browser does not send the form until it is ticked.
        await page.ClickAsync("button.danger");
        Assert.That(page.Url, Does.Contain("/Queue/Message"));
        await page.CheckAsync("#confirm");
        await BrowserAppliance.SubmitAsync(page, "button.danger");
        Assert.That(await page.Locator("p.done").InnerTextAsync(), Is.EqualTo("The message was deleted from the queue."));
        await page.GotoAsync($"/Queue?q={id}");
        Assert.That(await page.Locator("p[role=status]").InnerTextAsync(), Is.EqualTo("Messages waiting: 0"));
        Assert.That(await App.MustAsync("queue", "list"), Does.Not.Contain(id));

        await page.GotoAsync("/Audit");
        Assert.That(await page.Locator("tbody tr").First.InnerTextAsync(), Does.Contain("Queued message deleted").And.Contain(id));
    }
}
