using MailKit;
using MailKit.Net.Imap;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Imap;

/// <summary>LIST, STATUS, CREATE, RENAME, DELETE, SUBSCRIBE with SPECIAL-USE, CHILDREN, LIST-STATUS and Vietnamese
/// names through modified UTF-7 and UTF8=ACCEPT.</summary>
internal sealed class ImapMailboxTests : ImapTestBase
{
    [Test]
    public async Task List_ShowsTheStandardMailboxes_WithSpecialUse()
    {
        using var client = await ClientAsync();
        Assert.That(client.GetFolder(SpecialFolder.Sent)?.Name, Is.EqualTo("Sent"));
        Assert.That(client.GetFolder(SpecialFolder.Trash)?.Name, Is.EqualTo("Trash"));
        Assert.That(client.GetFolder(SpecialFolder.Junk)?.Name, Is.EqualTo("Junk"));
        Assert.That(client.GetFolder(SpecialFolder.Drafts)?.Name, Is.EqualTo("Drafts"));
        Assert.That(client.GetFolder(SpecialFolder.Archive)?.Name, Is.EqualTo("Archive"));
        var top = await client.GetFolder(client.PersonalNamespaces[0]).GetSubfoldersAsync();
        Assert.That(top.Select(f => f.Name), Is.SupersetOf(new[] { "INBOX", "Drafts", "Sent", "Archive", "Junk", "Trash" }));
    }

    [Test]
    public async Task VietnameseMailboxes_CreateRenameDelete_ThroughMailKit()
    {
        using var client = await ClientAsync();
        var root = client.GetFolder(client.PersonalNamespaces[0]);
        var parent = (await root.CreateAsync("Tổ Toán", isMessageFolder: true))!;
        var child = (await parent.CreateAsync("Đề thi 2026", isMessageFolder: true))!;
        Assert.That(child.FullName, Is.EqualTo("Tổ Toán/Đề thi 2026"));
        Assert.That(Store.Index.Catalog.Find(A("annv"), "Tổ Toán/Đề thi 2026"), Is.Not.Null, "stored in Unicode, not UTF-7");

        await parent.RenameAsync(root, "Tổ Ngữ văn");
        var names = (await root.GetSubfoldersAsync()).Select(f => f.FullName).ToList();
        Assert.That(names, Does.Contain("Tổ Ngữ văn").And.Not.Contain("Tổ Toán"));
        var renamedChild = await client.GetFolderAsync("Tổ Ngữ văn/Đề thi 2026");
        await renamedChild.DeleteAsync();
        Assert.That(Store.Index.Catalog.Find(A("annv"), "Tổ Ngữ văn/Đề thi 2026"), Is.Null);
    }

    [Test]
    public async Task Raw_ModifiedUtf7_And_Utf8Accept_AndListExtended()
    {
        using var dialog = await DialogAsync();
        Assert.That(await dialog.TaggedAsync("CREATE \"T&AOk-p/Con\""), Does.Contain("OK"));
        var list = string.Join('\n', await dialog.CommandAsync("LIST \"\" \"*\""));
        Assert.That(list, Does.Contain("* LIST (\\HasNoChildren) \"/\" \"T&AOk-p/Con\"").And.Not.Contain("\"T&AOk-p\""), "with * the parent that does not exist is not listed");
        Assert.That(list, Does.Contain("* LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\""));
        Assert.That(string.Join('\n', await dialog.CommandAsync("LIST \"\" \"%\"")), Does.Contain("* LIST (\\NonExistent \\HasChildren) \"/\" \"T&AOk-p\""));

        var status = string.Join('\n', await dialog.CommandAsync("LIST (SPECIAL-USE) \"\" \"*\" RETURN (STATUS (MESSAGES UIDNEXT SIZE))"));
        Assert.That(status, Does.Contain("\\Trash").And.Not.Contain("T&AOk-p").And.Contain("* STATUS \"Trash\" (MESSAGES 0 UIDNEXT 1 SIZE 0)"));

        Assert.That(string.Join('\n', await dialog.CommandAsync("ENABLE UTF8=ACCEPT")), Does.Contain("* ENABLED UTF8=ACCEPT"));
        Assert.That(string.Join('\n', await dialog.CommandAsync("LIST \"\" \"T%\"")), Does.Contain("(\\NonExistent \\HasChildren) \"/\" \"Tép\""));
        Assert.That(await dialog.TaggedAsync("DELETE INBOX"), Does.Contain("NO"));
        Assert.That(await dialog.TaggedAsync("CREATE inbox"), Does.Contain("NO [ALREADYEXISTS]"));
    }

    [Test]
    public async Task Quota_ReportsUsageAgainstTheAccountsLimit()
    {
        await DeliverAsync("annv", "Một", new string('x', 3000) + "\r\n");
        using var client = await ClientAsync();
        var quota = await client.Inbox.GetQuotaAsync();
        Assert.That(quota.QuotaRoot?.FullName, Is.EqualTo(string.Empty));
        Assert.That((quota.CurrentStorageSize, quota.StorageLimit), Is.EqualTo(((uint?)4, (uint?)(1 << 20))), "KiB used of 1 GiB");
        using var dialog = await DialogAsync();
        Assert.That(await dialog.TaggedAsync("SETQUOTA \"\" (STORAGE 10)"), Does.Contain("NO [NOPERM]"));
    }

    [Test]
    public async Task Subscriptions_AndLsub()
    {
        using var dialog = await DialogAsync();
        await dialog.CommandAsync("CREATE Lưu");
        Assert.That(await dialog.TaggedAsync("UNSUBSCRIBE Junk"), Does.Contain("OK"));
        var lsub = string.Join('\n', await dialog.CommandAsync("LSUB \"\" *"));
        Assert.That(lsub, Does.Contain("Trash").And.Not.Contain("Junk"));
        var subscribed = string.Join('\n', await dialog.CommandAsync("LIST (SUBSCRIBED) \"\" *"));
        Assert.That(subscribed, Does.Contain("\\Subscribed").And.Not.Contain("Junk"));
    }
}
