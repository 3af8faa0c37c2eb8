using System.Text;
using Mail.Server.Store;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Store;

/// <summary>Delivery into the Junk mailbox, which DMARC quarantine uses.</summary>
internal sealed class JunkDeliveryTests
{
    private string _root = null!;
    private MessageStore _store = null!;

    [SetUp]
    public void Open()
    {
        _root = TestFolder.New("junk");
        _store = new MessageStore(_root);
    }

    [TearDown]
    public void Remove() => TestFolder.Remove(_root);

    [Test]
    public async Task Junk_FindsTheMailboxByItsRole_EvenRenamed()
    {
        await DeliverAsync("annv@truong.edu.vn", DeliveryFolder.Inbox);
        Assert.That(_store.Index.Catalog.Rename("annv@truong.edu.vn", "Junk", "Thư rác"), Is.True);
        await DeliverAsync("annv@truong.edu.vn", DeliveryFolder.Junk);

        var counts = _store.Index.Mailboxes("annv@truong.edu.vn").ToDictionary(m => m.Name, m => m.Messages);
        Assert.That((counts["INBOX"], counts["Thư rác"]), Is.EqualTo((1, 1)));
    }

    [Test]
    public async Task Junk_ForANewAccount_CreatesTheStandardMailboxesFirst_AndWithoutJunkFallsBackToInbox()
    {
        await DeliverAsync("annv@truong.edu.vn", DeliveryFolder.Junk);
        Assert.That(_store.Index.Mailboxes("annv@truong.edu.vn").Single(m => m.Name == "Junk").Messages, Is.EqualTo(1));

        Assert.That(_store.DeleteMailbox("annv@truong.edu.vn", "Junk"), Is.True);
        await DeliverAsync("annv@truong.edu.vn", DeliveryFolder.Junk);
        Assert.That(_store.Index.Mailboxes("annv@truong.edu.vn").Single(m => m.Name == "INBOX").Messages, Is.EqualTo(1));
    }

    private async Task DeliverAsync(string account, DeliveryFolder folder)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes("Subject: Quảng cáo\r\n\r\nMua ngay!\r\n"));
        await _store.DeliverAsync(stream, [account], DateTimeOffset.UtcNow, folder, CancellationToken.None);
    }
}
