using System.Text;
using Mail.Tests.Fixtures;
using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Browser;

/// <summary>The appliance admin manages accounts in the browser; every change shows in the directory (through the CLI)
/// and in mail delivery.</summary>
internal sealed class AccountPagesTests
{
    private static BrowserAppliance App => BrowserAppliance.Current;

    [Test]
    public async Task Admin_PublishesAnAccountWithTitleAndUnit_InThePublicContactList_ThenWithdrawsIt()
    {
        const string head = "hieutruong@" + BrowserAppliance.Domain;
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        await page.GotoAsync($"/Accounts/Edit?address={head}");
        Assert.That(await page.IsCheckedAsync("#isPublic"), Is.False);

        await page.CheckAsync("#isPublic");
        await page.FillAsync("#title", "Hiệu trưởng");
        await page.FillAsync("#unit", "Trường THPT Nguyễn Du");
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Public'] button");
        Assert.That(await page.Locator("[role=status]").InnerTextAsync(), Is.EqualTo("Đã lưu thiết lập danh bạ công khai."));
        Assert.That(await page.IsCheckedAsync("#isPublic"), Is.True, "the page shows the directory's state");
        var published = await ContactsAsync(context);
        Assert.That(published, Does.Contain($"\"address\": \"{head}\"").And.Contain("\"title\": \"Hiệu trưởng\"").And.Contain("\"unit\": \"Trường THPT Nguyễn Du\""));

        await page.UncheckAsync("#isPublic");
        await page.FillAsync("#title", "");
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Public'] button");
        Assert.That(await ContactsAsync(context), Does.Not.Contain(head));
        Assert.That(await App.MustAsync("user", "show", head), Does.Not.Contain("Hiệu trưởng"), "an emptied title is removed");
    }

    private static async Task<string> ContactsAsync(IBrowserContext context)
    {
        var response = await context.APIRequest.GetAsync($"/contacts/{BrowserAppliance.Domain}.json");
        Assert.That(response.Status, Is.EqualTo(200));
        return await response.TextAsync();
    }

    [Test]
    public async Task Admin_CreatesAnAccountThatReceivesMail_EditsIt_AndDeletesIt()
    {
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        await page.GotoAsync("/Accounts");
        await BrowserAppliance.SubmitAsync(page, "a.button.primary");
        await page.FillAsync("#local", "hoadt");
        await page.SelectOptionAsync("#domain", BrowserAppliance.Domain);
        await page.FillAsync("#name", "Đặng Thị Hoa");
        await page.FillAsync("#password", "Hoa-mat-khau-2026");
        await page.FillAsync("#quota", "100");
        await BrowserAppliance.SubmitAsync(page, "button.primary");
        const string hoa = "hoadt@" + BrowserAppliance.Domain;
        Assert.That(page.Url, Does.Contain("/Accounts/Edit?address=hoadt"));
        Assert.That(await page.Locator("[role=status]").InnerTextAsync(), Is.EqualTo("Đã tạo tài khoản."));
        var show = await App.MustAsync("user", "show", hoa);
        Assert.That(show, Does.Contain("name: Đặng Thị Hoa").And.Contain("quota: 104857600 bytes"));

        await SendMailAsync(hoa, "Lịch họp hội đồng");
        Assert.That(await Eventually.TrueAsync(async () => (await App.MustAsync("mailbox", "list", hoa)).StartsWith("INBOX\t-\t1 messages", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10)), Is.True, "the new account receives mail over SMTP at once");

        // A name typed decomposed (as some keyboards send it) is stored in NFC.
        await page.FillAsync("#name", "Đặng Thị Hoà".Normalize(NormalizationForm.FormD));
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Rename'] button");
        await page.FillAsync("#quota", "");
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Quota'] button");
        await page.FillAsync("#alias", "hoa@" + BrowserAppliance.Domain);
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=AddAlias'] button");
        show = await App.MustAsync("user", "show", hoa);
        Assert.That(show, Does.Contain("name: Đặng Thị Hoà").And.Contain("quota: default").And.Contain("aliases: hoa@truong.edu.vn"));
        await SendMailAsync("hoa@" + BrowserAppliance.Domain, "Gửi bí danh");
        Assert.That(await Eventually.TrueAsync(async () => (await App.MustAsync("mailbox", "list", hoa)).StartsWith("INBOX\t-\t2 messages", StringComparison.Ordinal),
            TimeSpan.FromSeconds(10)), Is.True, "mail to the new alias is delivered");

        await page.FillAsync("#password", "Hoa-mat-khau-moi-2027");
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Password'] button");
        await using (var hers = await App.NewContextAsync())
        {
            var own = await BrowserAppliance.SignInAsync(hers, hoa, "Hoa-mat-khau-moi-2027");
            Assert.That(own.Url, Does.EndWith("/Password"), "the reset password signs in");
        }

        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Disable'] button");
        Assert.That(await App.MustAsync("user", "show", hoa), Does.Contain("status: disabled"));

        await page.CheckAsync("#confirm");
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Delete'] button");
        Assert.That(page.Url, Does.EndWith("/Accounts"));
        Assert.That((await App.Cli.RunAsync("user", "show", hoa)).ExitCode, Is.Not.Zero, "deleted from the directory");

        await page.GotoAsync("/Audit");
        var log = await page.Locator("tbody").InnerTextAsync();
        foreach (var action in new[] { "Tạo tài khoản", "Đổi tên tài khoản", "Đổi dung lượng", "Thêm địa chỉ", "Đặt lại mật khẩu", "Khóa tài khoản", "Xóa tài khoản" })
        {
            Assert.That(log, Does.Contain(action), "audited: " + action);
        }

        Assert.That(log, Does.Contain(BrowserAppliance.Admin).And.Contain("127.0.0.1").And.Contain(hoa));
    }

    [TestCase("vi", "Thay đổi bị từ chối: địa chỉ {0} đã được một tài khoản hoặc nhóm thư sử dụng", "Thay đổi bị từ chối: mật khẩu quá yếu: cần ít nhất 8 ký tự")]
    [TestCase("en", "The change was refused: the address {0} is already used by an account or a group", "The change was refused: the password is too weak: use at least 8 characters")]
    public async Task TheDirectorysRefusals_AreSaidInThePagesLanguage(string culture, string taken, string weak)
    {
        await using var context = await App.NewContextAsync(culture);
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        await page.GotoAsync($"/Accounts/Edit?address={BrowserAppliance.Staff}");
        await page.FillAsync("#alias", BrowserAppliance.Helpdesk);
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=AddAlias'] button");
        Assert.That(await page.Locator(".errors").InnerTextAsync(), Does.Contain(string.Format(System.Globalization.CultureInfo.InvariantCulture, taken, BrowserAppliance.Helpdesk)));
        await page.FillAsync("#password", "Ab1!x");
        await BrowserAppliance.SubmitAsync(page, "form[action*='handler=Password'] button");
        Assert.That(await page.Locator(".errors").InnerTextAsync(), Does.Contain(weak));
        await PageCheck.AccessibleAsync(page, $"{culture}-account-refusal");
        Assert.That(await App.MustAsync("user", "show", BrowserAppliance.Staff), Does.Not.Contain(BrowserAppliance.Helpdesk));
    }

    [Test]
    public async Task Search_IgnoresCaseAndVietnameseDiacritics()
    {
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        await page.GotoAsync("/Accounts");
        foreach (var (query, expected) in new[] { ("nguyen", "Nguyễn Văn An"), ("tran thi binh", "Trần Thị Bình"), ("DUC", "Đỗ Văn Đức"), ("hỗ trợ", "Phạm Thị Hỗ Trợ") })
        {
            await page.FillAsync("#q", query);
            await BrowserAppliance.SubmitAsync(page, "form.search button");
            var rows = await page.Locator("tbody tr").AllInnerTextsAsync();
            Assert.That(rows, Has.Count.EqualTo(1).And.Some.Contain(expected), query);
        }
    }

    [Test]
    public async Task StoredXss_InADisplayName_IsShownAsText()
    {
        const string evil = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned'</script>";
        await using var context = await App.NewContextAsync();
        var page = await BrowserAppliance.SignInAsync(context, BrowserAppliance.Admin);
        await page.GotoAsync("/Accounts/New");
        await page.FillAsync("#local", "hacker1");
        Assert.That(await page.InputValueAsync("#domain"), Is.EqualTo(BrowserAppliance.Domain), "the primary domain comes first");
        await page.FillAsync("#name", evil);
        await page.FillAsync("#password", "Khong-an-toan-2026");
        await BrowserAppliance.SubmitAsync(page, "button.primary");
        Assert.That(page.Url, Does.Contain("/Accounts/Edit?address=hacker1"), await page.Locator("main").InnerTextAsync());

        foreach (var path in new[] { "/Accounts/Edit?address=hacker1@truong.edu.vn", "/Accounts?q=hacker1", "/Audit" })
        {
            await page.GotoAsync(path);
            Assert.That(await page.Locator("main").InnerTextAsync(), Does.Contain("<img src=x"), path);
            Assert.That(await page.Locator("main img, main script").CountAsync(), Is.Zero, path);
            Assert.That(await page.TitleAsync(), Does.Not.Contain("pwned"), path);
        }
    }

    private static async Task SendMailAsync(string to, string subject)
    {
        using var client = new MailKit.Net.Smtp.SmtpClient();
        await client.ConnectAsync("127.0.0.1", App.Cli.SmtpPort, MailKit.Security.SecureSocketOptions.None);
        var message = new MimeKit.MimeMessage();
        message.From.Add(new MimeKit.MailboxAddress("Sở GD", "vanphong@sgd.example"));
        message.To.Add(MimeKit.MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new MimeKit.TextPart("plain") { Text = "Kính gửi cô." };
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }
}
