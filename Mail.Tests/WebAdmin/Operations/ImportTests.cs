using System.Text;
using Mail.Tests.WebAdmin.Browser;
using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Operations;

/// <summary>CSV import in a real browser: a preview that writes nothing, then a commit with credential slips.</summary>
internal sealed class ImportTests
{
    private static OperationsAppliance App => OperationsAppliance.Current;

    [Test]
    public async Task Import_PreviewWritesNothing_CommitCreatesTheAccounts_AndShowsSlips()
    {
        var (context, page) = await App.SignInAsync(OperationsAppliance.DomainAdmin);
        await using var _ = context;
        await page.GotoAsync("/Import");
        // What Excel's "CSV UTF-8" writes: a byte order mark, CRLF, quotes around a field with a comma.
        var csv = "\uFEFFHọ tên,Đơn vị,Địa chỉ\r\nNguyễn Văn An,,\r\n\"Trần Thị Bình\",truong.edu.vn,\r\nĐỗ Ưng Hoà,,\r\n";
        await page.SetInputFilesAsync("#file", new FilePayload { Name = "giaovien.csv", MimeType = "text/csv", Buffer = new UTF8Encoding(true).GetPreamble().Concat(Encoding.UTF8.GetBytes(csv[1..])).ToArray() });
        await BrowserAppliance.SubmitAsync(page, "form button.primary");

        var rows = await page.Locator("table.preview tbody tr").AllAsync();
        var cells = new List<string>();
        foreach (var row in rows)
        {
            cells.Add(await row.Locator("td").Nth(2).InnerTextAsync());
        }

        var domain = OperationsAppliance.Domain;
        Assert.That(cells, Is.EqualTo(new[] { $"annv2@{domain}", $"binhtt@{domain}", $"hoadu@{domain}" }), "annv@ is taken by the fixture's staff member");
        Assert.That(await App.MustAsync("user", "list", domain), Does.Not.Contain("binhtt@"), "the preview wrote nothing");

        await BrowserAppliance.SubmitAsync(page, "form[action*='Commit'] button");
        Assert.That(await page.Locator("p.done").InnerTextAsync(), Is.EqualTo("Đã tạo 3 tài khoản."));
        var slips = page.Locator("article.slip");
        Assert.That(await slips.CountAsync(), Is.EqualTo(3));
        Assert.That(await slips.Nth(2).InnerTextAsync(), Does.Contain("Đỗ Ưng Hoà").And.Contain($"hoadu@{domain}"));
        var password = await slips.Nth(1).Locator("code.secret").InnerTextAsync();

        var list = await App.MustAsync("user", "list", domain);
        Assert.That(list, Does.Contain($"annv2@{domain}").And.Contain($"binhtt@{domain}").And.Contain($"hoadu@{domain}"));

        // The slip's password signs its owner in (staff land on their password page).
        var (staffContext, staff) = await App.SignInAsync($"binhtt@{domain}", password: password);
        await using var __ = staffContext;
        Assert.That(staff.Url, Does.EndWith("/Password"));
    }
}
