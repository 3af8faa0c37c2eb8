using System.Text;
using Mail.Server.Store;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Store;

internal sealed class MailboxContentsTests
{
    private const string Account = "annv@x.vn";
    private string _root = null!;
    private MessageStore _store = null!;

    [SetUp]
    public void Open()
    {
        _root = TestFolder.New("contents");
        _store = new MessageStore(_root);
    }

    [TearDown]
    public void Remove() => TestFolder.Remove(_root);

    [Test]
    public async Task StoreFlags_ChangesModSeqOnlyWhenFlagsChange_AndHonoursUnchangedSince()
    {
        var inbox = await InboxWithAsync(2);
        var before = _store.Index.Contents.Rows(inbox.Id);
        var update = _store.StoreFlags(Account, inbox.Id, [1], FlagChange.Add, ["\\seen", "$Label1"], null);
        Assert.That(update.Updated.Single().Flags, Is.EqualTo("\\Seen $Label1"), "system flags canonical, keywords kept");
        Assert.That(update.Updated.Single().ModSeq, Is.GreaterThan(before[0].ModSeq));

        var again = _store.StoreFlags(Account, inbox.Id, [1], FlagChange.Add, ["\\Seen"], null);
        Assert.That(again.Updated.Single().ModSeq, Is.EqualTo(update.Updated.Single().ModSeq), "no change, no new MODSEQ");

        var guarded = _store.StoreFlags(Account, inbox.Id, [1, 2], FlagChange.Replace, ["\\Flagged"], before[1].ModSeq);
        Assert.That(guarded.Modified, Is.EqualTo(new long[] { 1 }), "message 1 changed after the client's MODSEQ");
        Assert.That(guarded.Updated.Single().Uid, Is.EqualTo(2));
    }

    [Test]
    public async Task Snapshot_IsSharedWhileNothingChanges_AndFollowsEveryWrite()
    {
        var inbox = await InboxWithAsync(3);
        var contents = _store.Index.Contents;
        var first = contents.Snapshot(inbox.Id);
        Assert.That(contents.Snapshot(inbox.Id), Is.SameAs(first), "unchanged mailbox: the same rows, not read again");

        _store.StoreFlags(Account, inbox.Id, [2], FlagChange.Add, ["\\Seen"], null);
        var flagged = contents.Snapshot(inbox.Id);
        Assert.That(flagged, Is.Not.SameAs(first));
        Assert.That(flagged.Find(2)!.Flags, Is.EqualTo("\\Seen"));
        Assert.That(first.Find(2)!.Flags, Is.Empty, "an older snapshot is immutable");

        _store.Expunge(inbox.Id, [1]);
        Assert.That(contents.Snapshot(inbox.Id).Rows.Select(r => r.Uid), Is.EqualTo(new long[] { 2, 3 }));
        Assert.That(contents.Snapshot(inbox.Id).Find(1), Is.Null);

        await InboxWithAsync(1);
        Assert.That(contents.Snapshot(inbox.Id).Rows.Select(r => r.Uid), Is.EqualTo(new long[] { 2, 3, 4 }), "a delivery shows at once");
        Assert.That(contents.Snapshot(999).Rows, Is.Empty, "no such mailbox");
    }

    [Test]
    public async Task Move_ExpungesTheSource_AndChangesSinceReportsIt()
    {
        var inbox = await InboxWithAsync(3);
        var archive = _store.Index.Catalog.Find(Account, "Archive")!;
        var pairs = _store.Copy(Account, inbox.Id, [3, 1], archive.Id, move: true);
        Assert.That(pairs, Is.EqualTo(new[] { (1L, 1L), (3L, 2L) }));

        var changes = _store.Index.Contents.ChangesSince(inbox.Id, inbox.HighestModSeq);
        Assert.That(changes.Expunged.Within([(1, 100)]), Is.EqualTo(new long[] { 1, 3 }));
        Assert.That(_store.Index.Contents.Rows(inbox.Id).Select(r => r.Uid), Is.EqualTo(new long[] { 2 }));
        Assert.That(_store.Index.BodyReferences().All(b => b.RefCount == b.Rows), Is.True);
        Assert.That(_store.Verify(), Is.Empty);
    }

    [Test]
    public async Task RenamingInbox_MovesItsMessages_AndLeavesItEmpty_RenamingOthersTakesTheirChildren()
    {
        await InboxWithAsync(2);
        Assert.That(_store.Index.Catalog.Rename(Account, "inbox", "Cũ"), Is.True);
        Assert.That(_store.Index.Catalog.Find(Account, "INBOX")!.Messages, Is.Zero);
        Assert.That(_store.Index.Catalog.Find(Account, "Cũ")!.Messages, Is.EqualTo(2));

        Assert.That(_store.Index.Catalog.Create(Account, "Tổ Toán/2026"), Is.True);
        Assert.That(_store.Index.Catalog.Create(Account, "Tổ Toán/2026"), Is.False);
        Assert.That(_store.Index.Catalog.Rename(Account, "Tổ Toán", "Tổ Văn"), Is.False, "no such parent mailbox");
        Assert.That(_store.Index.Catalog.Create(Account, "Tổ Toán"), Is.True);
        Assert.That(_store.Index.Catalog.Rename(Account, "Tổ Toán", "Tổ Văn"), Is.True);
        Assert.That(_store.Index.Mailboxes(Account).Select(m => m.Name), Does.Contain("Tổ Văn/2026").And.Not.Contain("Tổ Toán/2026"));
        Assert.That(_store.DeleteMailbox(Account, "Cũ"), Is.True);
        Assert.That(_store.Bodies.EnumerateHashes(), Is.Empty, "the bodies went with their last mailbox");
        Assert.That(_store.Verify(), Is.Empty);
    }

    [Test]
    public async Task Append_IntoAnyMailbox_KeepsFlagsAndDate_AndSignalsTheAccount()
    {
        _store.Index.EnsureAccount(Account);
        var drafts = _store.Index.Catalog.Find(Account, "Drafts")!;
        var signalled = 0;
        using var subscription = _store.Signals.Subscribe(Account, () => Interlocked.Increment(ref signalled));
        var date = new DateTimeOffset(2026, 11, 1, 8, 0, 0, TimeSpan.FromHours(7));
        using var message = new MemoryStream(Encoding.UTF8.GetBytes("Subject: Nháp\r\n\r\nThân bài\r\n"));
        var uid = await _store.AppendAsync(Account, drafts.Id, message, "\\Draft \\Seen", date, CancellationToken.None);
        var row = _store.Index.Contents.Rows(drafts.Id).Single();
        Assert.That((row.Uid, row.Flags, row.InternalDate), Is.EqualTo((uid, "\\Seen \\Draft", date.ToUnixTimeSeconds())));
        Assert.That(signalled, Is.EqualTo(1));
    }

    [Test]
    public async Task ExpungeLog_IsPrunedByItsCounter_AndTheCounterIsRebuiltForAnOlderIndex()
    {
        _store.Index.ExpungeLogLimit = 4;
        var inbox = await InboxWithAsync(12);
        var archive = _store.Index.Catalog.Find(Account, "Archive")!;
        for (var uid = 1L; uid <= 10; uid++)
        {
            if (uid % 3 == 0)
            {
                _store.Copy(Account, inbox.Id, [uid], archive.Id, move: true);
            }
            else
            {
                _store.Expunge(inbox.Id, [uid]);
            }

            Assert.That(Sql($"SELECT COUNT(*) FROM expunged WHERE mailbox_id = {inbox.Id}"), Is.LessThanOrEqualTo(5), "limit 4 plus a quarter");
            Assert.That(Sql($"SELECT expunge_logged FROM mailboxes WHERE id = {inbox.Id}"),
                Is.EqualTo(Sql($"SELECT COUNT(*) FROM expunged WHERE mailbox_id = {inbox.Id}")), "the counter follows the log");
        }

        var recent = _store.Index.Contents.ChangesSince(inbox.Id, inbox.HighestModSeq + 8).Expunged;
        Assert.That(recent.IsExact, Is.True);
        Assert.That(recent.Among([9, 10, 11, 12]), Is.EqualTo(new long[] { 9, 10 }));
        var old = _store.Index.Contents.ChangesSince(inbox.Id, inbox.HighestModSeq).Expunged;
        Assert.That(old.IsExact, Is.False, "pruned past the client's MODSEQ: the every-absent-UID form");
        Assert.That(old.Among([1, 2, 3, 11, 12]), Is.EqualTo(new long[] { 1, 2, 3 }));

        var logged = Sql($"SELECT COUNT(*) FROM expunged WHERE mailbox_id = {inbox.Id}");
        Sql("ALTER TABLE mailboxes DROP COLUMN expunge_logged");
        _store = new MessageStore(_root);
        Assert.That(Sql($"SELECT expunge_logged FROM mailboxes WHERE id = {inbox.Id}"), Is.EqualTo(logged), "an index from before the counter gets it counted");
    }

    private async Task<MailboxInfo> InboxWithAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            using var message = new MemoryStream(Encoding.UTF8.GetBytes($"Subject: {i}\r\n\r\nbody {i}\r\n"));
            await _store.DeliverAsync(message, [Account], DateTimeOffset.UtcNow, CancellationToken.None);
        }

        return _store.Index.Catalog.Find(Account, "INBOX")!;
    }

    private long Sql(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_store.Bodies.Root, "index.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar() is long value ? value : 0;
    }
}
