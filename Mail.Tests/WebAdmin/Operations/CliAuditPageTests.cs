namespace Mail.Tests.WebAdmin.Operations;

/// <summary>A change made with the CLI while the appliance runs shows on the audit page at once, translated, as the
/// local CLI user's.</summary>
internal sealed class CliAuditPageTests
{
    private static OperationsAppliance App => OperationsAppliance.Current;

    [Test]
    public async Task AGroupMadeWithTheCli_IsOnTheAuditPage_AsTheLocalCliUsers()
    {
        var group = "tosu@" + OperationsAppliance.Domain;
        await App.MustAsync("group", "add", group, "--name", "Tổ Sử");

        var (context, page) = await App.SignInAsync(OperationsAppliance.DomainAdmin);
        await using var _ = context;
        await page.GotoAsync("/Audit");
        var row = await page.Locator("tbody tr").Filter(new() { HasText = group }).First.InnerTextAsync();
        Assert.That(row, Does.Contain("Tạo nhóm thư").And.Contain("cli:" + Environment.UserName).And.Contain("local").And.Contain("Tổ Sử (anyone)"));
        await App.MustAsync("group", "remove", group);
    }
}
