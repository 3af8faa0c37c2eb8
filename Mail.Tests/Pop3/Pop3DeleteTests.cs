namespace Mail.Tests.Pop3;

/// <summary>DELE, RSET and QUIT's UPDATE state against the store: only a QUIT removes anything, in one expunge.</summary>
internal sealed class Pop3DeleteTests : Pop3TestBase
{
    [Test]
    public async Task DeleAndQuit_RemoveFromTheIndex_AndDeleteTheUnreferencedBody()
    {
        var first = await DeliverAsync(Simple("một"), A("annv"));
        var second = await DeliverAsync(Simple("hai"), A("annv"));
        Assert.That(File.Exists(Store.Bodies.PathOf(first.Body.Hash)), Is.True);

        await using (var pop3 = await RawLoggedInAsync())
        {
            Assert.That(await pop3.CommandAsync("DELE 1"), Is.EqualTo("+OK message 1 deleted"));
            Assert.That(await pop3.CommandAsync("DELE 1"), Does.StartWith("-ERR"), "already deleted");
            Assert.That(await pop3.CommandAsync("RETR 1"), Does.StartWith("-ERR"));
            Assert.That(await pop3.CommandAsync("LIST 1"), Does.StartWith("-ERR"));
            var (_, listed) = await pop3.MultiLineAsync("LIST");
            Assert.That(listed, Has.Count.EqualTo(1).And.All.StartWith("2 "), "message numbers do not shift");
            Assert.That(await pop3.CommandAsync("STAT"), Does.StartWith("+OK 1 "));
            Assert.That(Store.Index.Uids(Inbox().Id), Is.EqualTo(new[] { 1L, 2L }), "nothing removed before QUIT");

            Assert.That(await pop3.CommandAsync("QUIT"), Is.EqualTo("+OK mail.test.edu.vn POP3 signing off (1 messages left)"));
            Assert.That(await pop3.ReadLineAsync(), Is.Null);
        }

        Assert.That(Store.Index.Uids(Inbox().Id), Is.EqualTo(new[] { second.UidByAccount[A("annv")] }));
        Assert.That(File.Exists(Store.Bodies.PathOf(first.Body.Hash)), Is.False, "the body nobody references is gone");
        Assert.That(Store.Verify(), Is.Empty);
    }

    [Test]
    public async Task DeleOfABodySharedWithAnotherAccount_KeepsTheBody()
    {
        await AddUserAsync("binhtt", "Trần Thị Bình");
        var shared = await DeliverAsync(Simple("chung"), A("annv"), A("binhtt"));
        using (var client = await LoggedInAsync(A("annv")))
        {
            await client.DeleteMessageAsync(0);
            await client.DisconnectAsync(true);
        }

        Assert.That(Store.Index.Uids(Inbox().Id), Is.Empty);
        Assert.That(Store.Index.Uids(Inbox("binhtt").Id), Has.Count.EqualTo(1));
        Assert.That(File.Exists(Store.Bodies.PathOf(shared.Body.Hash)), Is.True, "binhtt still has it");
        Assert.That(Store.Verify(), Is.Empty);
    }

    [Test]
    public async Task DeleWithoutQuit_ConnectionDropped_RemovesNothing()
    {
        var delivered = await DeliverAsync(Simple("một"), A("annv"));
        await using (var pop3 = await RawLoggedInAsync())
        {
            Assert.That(await pop3.CommandAsync("DELE 1"), Does.StartWith("+OK"));
        }

        // A new session sees it: the dropped one ended without UPDATE.
        await using var again = await RawLoggedInAsync();
        Assert.That(await again.CommandAsync("STAT"), Does.StartWith("+OK 1 "));
        Assert.That(Store.Index.Uids(Inbox().Id), Is.EqualTo(new[] { delivered.UidByAccount[A("annv")] }));
        Assert.That(File.Exists(Store.Bodies.PathOf(delivered.Body.Hash)), Is.True);
    }

    [Test]
    public async Task Rset_UnmarksEverything_AndQuitThenRemovesNothing()
    {
        await DeliverAsync(Simple("một"), A("annv"));
        await DeliverAsync(Simple("hai"), A("annv"));
        await using (var pop3 = await RawLoggedInAsync())
        {
            var full = await pop3.CommandAsync("STAT");
            await pop3.CommandAsync("DELE 1");
            await pop3.CommandAsync("DELE 2");
            Assert.That(await pop3.CommandAsync("STAT"), Is.EqualTo("+OK 0 0"));
            Assert.That(await pop3.CommandAsync("RSET"), Does.StartWith("+OK maildrop has 2 messages"));
            Assert.That(await pop3.CommandAsync("STAT"), Is.EqualTo(full));
            Assert.That(await pop3.CommandAsync("RETR 1"), Does.StartWith("+OK"), "usable again");
            while (await pop3.ReadLineAsync() is { } line && line != ".")
            {
            }

            Assert.That(await pop3.CommandAsync("QUIT"), Does.StartWith("+OK"));
        }

        Assert.That(Store.Index.Uids(Inbox().Id), Has.Count.EqualTo(2));
    }

    [Test]
    public async Task AMessageExpungedMeanwhileByAnotherSession_DoesNotBreakRetrDeleOrQuit()
    {
        var first = await DeliverAsync(Simple("một"), A("annv"));
        await DeliverAsync(Simple("hai"), A("annv"));
        await using var pop3 = await RawLoggedInAsync();

        // As an IMAP session would: gone from the index, and its body with it.
        Store.Expunge(Inbox().Id, [first.UidByAccount[A("annv")]]);
        Assert.That(await pop3.CommandAsync("RETR 1"), Does.StartWith("-ERR"));
        Assert.That(await pop3.CommandAsync("DELE 1"), Does.StartWith("+OK"));
        Assert.That(await pop3.CommandAsync("DELE 2"), Does.StartWith("+OK"));
        Assert.That(await pop3.CommandAsync("QUIT"), Does.StartWith("+OK"));
        Assert.That(Store.Index.Uids(Inbox().Id), Is.Empty);
        Assert.That(Store.Verify(), Is.Empty);
    }

    [Test]
    public async Task TwoSessionsDeletingTheSameMessage_BothQuitCleanly()
    {
        await DeliverAsync(Simple("một"), A("annv"));
        await using var one = await RawLoggedInAsync();
        await using var two = await RawLoggedInAsync();
        await one.CommandAsync("DELE 1");
        await two.CommandAsync("DELE 1");
        Assert.That(await one.CommandAsync("QUIT"), Does.StartWith("+OK"));
        Assert.That(await two.CommandAsync("QUIT"), Does.StartWith("+OK"));
        Assert.That(Store.Index.Uids(Inbox().Id), Is.Empty);
        Assert.That(Store.Verify(), Is.Empty);
    }
}
