using System.Text;
using MailKit;
using MailKit.Search;
using MimeKit;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Imap;

/// <summary>SELECT, STORE, COPY/MOVE, APPEND, EXPUNGE, SEARCH and IDLE with MailKit and raw commands, and two
/// sessions seeing each other's changes.</summary>
internal sealed class ImapMessageTests : ImapTestBase
{
    [Test]
    public async Task Select_ReportsCounts_AndStoreChangesFlags_WithModSeq()
    {
        await DeliverAsync("annv", "Một");
        await DeliverAsync("annv", "Hai");
        using var dialog = await DialogAsync();
        var select = string.Join('\n', await dialog.CommandAsync("SELECT INBOX (CONDSTORE)"));
        Assert.That(select, Does.Contain("* 2 EXISTS").And.Contain("* OK [UIDVALIDITY ").And.Contain("* OK [UIDNEXT 3]")
            .And.Contain("* OK [HIGHESTMODSEQ ").And.Contain("* OK [UNSEEN 1]").And.Contain("OK [READ-WRITE] SELECT completed"));

        var store = await dialog.CommandAsync("STORE 1 +FLAGS (\\Seen $Important)");
        Assert.That(store[0], Does.Match(@"^\* 1 FETCH \(FLAGS \(\\Seen \$Important\) MODSEQ \(\d+\)\)$"));
        var modseq = long.Parse(System.Text.RegularExpressions.Regex.Match(store[0], @"MODSEQ \((\d+)\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.That(await dialog.TaggedAsync($"UID STORE 1:2 (UNCHANGEDSINCE {modseq - 1}) +FLAGS.SILENT (\\Flagged)"), Does.Contain("OK [MODIFIED 1]"));
        var status = string.Join('\n', await dialog.CommandAsync("STATUS Sent (MESSAGES UNSEEN)"));
        Assert.That(status, Does.Contain("* STATUS \"Sent\" (MESSAGES 0 UNSEEN 0)"));
        Assert.That(await dialog.TaggedAsync("STORE 1 +FLAGS (\\Recent)"), Does.Contain("BAD"));
    }

    [Test]
    public async Task Select_ListsTheKeywordsInUse_InFlagsAndPermanentFlags()
    {
        await DeliverAsync("annv", "Một");
        await DeliverAsync("annv", "Hai");
        using var dialog = await DialogAsync();
        var plain = await dialog.CommandAsync("SELECT INBOX");
        Assert.That(plain, Does.Contain("* FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft)"));

        await dialog.CommandAsync("STORE 1 +FLAGS (\\Seen)");
        await dialog.CommandAsync("STORE 2 +FLAGS (\\Seen \\Flagged $Important Work)");
        var again = await dialog.CommandAsync("SELECT INBOX");
        Assert.That(again, Has.Some.Match(@"^\* FLAGS \(\\Seen \\Answered \\Flagged \\Deleted \\Draft \$Important \S+\)$"));
        Assert.That(again, Has.Some.Match(@"^\* OK \[PERMANENTFLAGS \(.*\$Important .*\\\*\)\]"));
    }

    [Test]
    public async Task OwnStores_DoNotHideAnotherSessionsChange_AndSilentStillReportsModSeq()
    {
        await DeliverAsync("annv", "Một");
        await DeliverAsync("annv", "Hai");
        using var first = await DialogAsync();
        using var second = await DialogAsync();
        await first.CommandAsync("SELECT INBOX (CONDSTORE)");
        await second.CommandAsync("SELECT INBOX");

        await first.CommandAsync("STORE 1 +FLAGS (\\Flagged)");
        await second.CommandAsync("STORE 1 +FLAGS (\\Answered)");
        var silent = await first.CommandAsync("STORE 2 +FLAGS.SILENT (\\Seen)");
        var all = string.Join('\n', silent);
        Assert.That(all, Does.Match(@"\* 2 FETCH \(.*MODSEQ \(\d+\)"), ".SILENT with CONDSTORE still reports the new MODSEQ");
        Assert.That(all, Does.Match(@"\* 1 FETCH \(FLAGS \(\\Answered \\Flagged\)"), "the other session's change, made between ours, is reported");
    }

    [Test]
    public async Task MailKit_AppendMoveCopyExpunge_WithUidPlus()
    {
        using var client = await ClientAsync();
        var drafts = client.GetFolder(SpecialFolder.Drafts)!;
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Nguyễn Văn An", A("annv")));
        message.To.Add(new MailboxAddress("Bình", A("binhtt")));
        message.Subject = "Bản nháp";
        message.Body = new TextPart("plain") { Text = "Kính gửi cô Bình," };
        var appended = await drafts.AppendAsync(message, MessageFlags.Draft | MessageFlags.Seen);
        Assert.That(appended, Is.Not.Null, "APPENDUID gives the UID");

        await drafts.OpenAsync(FolderAccess.ReadWrite);
        Assert.That(drafts.Count, Is.EqualTo(1));
        var archive = client.GetFolder(SpecialFolder.Archive)!;
        var copied = await drafts.CopyToAsync(appended!.Value, archive);
        Assert.That(copied, Is.Not.Null, "COPYUID gives the new UID");
        var moved = await drafts.MoveToAsync(appended.Value, client.GetFolder(SpecialFolder.Trash)!);
        Assert.That(moved, Is.Not.Null);
        Assert.That(drafts.Count, Is.Zero, "MOVE expunged the source");

        var trash = client.GetFolder(SpecialFolder.Trash)!;
        await trash.OpenAsync(FolderAccess.ReadWrite);
        Assert.That(trash.Count, Is.EqualTo(1));
        await trash.AddFlagsAsync(0, MessageFlags.Deleted, silent: true);
        await trash.ExpungeAsync();
        Assert.That(trash.Count, Is.Zero);
        Assert.That(Store.Bodies.EnumerateHashes().Count(), Is.EqualTo(1), "the copy in Archive still holds the body");
        Assert.That(Store.Verify(), Is.Empty);
    }

    [Test]
    public async Task Search_FindsByFlagsSizeDateAndText_IgnoringVietnameseDiacritics()
    {
        await DeliverAsync("annv", "=?UTF-8?B?TmfGsOG7nWkgZ+G7rWk6IE5ndXnhu4VuIFbEg24gQW4=?=");
        await DeliverAsync("annv", "Lịch họp", "Đề nghị các thầy cô Đỗ Minh đến họp.\r\n");
        await DeliverAsync("annv", "Other", new string('x', 5000) + "\r\n");
        using var client = await ClientAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        await client.Inbox.AddFlagsAsync(0, MessageFlags.Seen, silent: true);

        Assert.That(await Uids(client, SearchQuery.SubjectContains("nguyen van an")), Is.EqualTo(new uint[] { 1 }));
        Assert.That(await Uids(client, SearchQuery.BodyContains("do minh")), Is.EqualTo(new uint[] { 2 }));
        Assert.That(await Uids(client, SearchQuery.BodyContains("Đỗ Minh")), Is.EqualTo(new uint[] { 2 }));
        Assert.That(await Uids(client, SearchQuery.NotSeen), Is.EqualTo(new uint[] { 2, 3 }));
        Assert.That(await Uids(client, SearchQuery.LargerThan(4000)), Is.EqualTo(new uint[] { 3 }));
        Assert.That(await Uids(client, SearchQuery.FromContains("sgd.example").And(SearchQuery.Seen)), Is.EqualTo(new uint[] { 1 }));
        Assert.That(await Uids(client, SearchQuery.SentSince(new DateTime(2026, 11, 1)).And(SearchQuery.SubjectContains("lich"))), Is.EqualTo(new uint[] { 2 }));

        using var dialog = await DialogAsync();
        await dialog.CommandAsync("SELECT INBOX");
        Assert.That(string.Join('\n', await dialog.CommandAsync("UID SEARCH RETURN (MIN MAX COUNT ALL) UNSEEN")),
            Does.Contain("* ESEARCH (TAG \"a3\") UID MIN 2 MAX 3 COUNT 2 ALL 2:3"));
        Assert.That(string.Join('\n', await dialog.CommandAsync("SEARCH RETURN (SAVE) OR SEEN LARGER 4000")), Does.Not.Contain("ESEARCH"));
        Assert.That(string.Join('\n', await dialog.CommandAsync("UID SEARCH UID $")), Does.Contain("* SEARCH 1 3"));
        Assert.That(await dialog.TaggedAsync("SEARCH CHARSET KOI8-R ALL"), Does.Contain("NO [BADCHARSET"));
        Assert.That(await dialog.TaggedAsync("SEARCH FROBNICATE"), Does.Contain("BAD"));
    }

    [Test]
    public async Task TwoSessions_SeeEachOthersChanges_AndIdleWakesOnDelivery()
    {
        await DeliverAsync("annv", "Một");
        await DeliverAsync("annv", "Hai");
        using var watcher = await DialogAsync();
        await watcher.CommandAsync("SELECT INBOX");
        using var actor = await DialogAsync();
        await actor.CommandAsync("SELECT INBOX");

        await actor.CommandAsync("STORE 2 +FLAGS (\\Deleted)");
        await actor.CommandAsync("EXPUNGE");
        var noop = string.Join('\n', await watcher.CommandAsync("NOOP"));
        Assert.That(noop, Does.Contain("* 2 EXPUNGE"));

        var tag = watcher.TakeTag();
        await watcher.SendRawAsync($"{tag} IDLE\r\n");
        Assert.That(await watcher.ReadLineAsync(), Does.StartWith("+ "));
        await DeliverAsync("annv", "Ba");
        Assert.That(await watcher.ReadLineAsync(), Is.EqualTo("* 2 EXISTS"), "pushed without a command");
        await actor.CommandAsync("STORE 1 +FLAGS (\\Flagged)");
        Assert.That(await watcher.ReadLineAsync(), Does.Match(@"^\* 1 FETCH \(FLAGS \(\\Flagged\) UID 1\)$"));
        await watcher.SendRawAsync("DONE\r\n");
        Assert.That(await watcher.ReadLineAsync(), Is.EqualTo($"{tag} OK IDLE terminated"));
    }

    [Test]
    public async Task Qresync_SelectReportsVanishedAndChanged_AndExpungesComeAsVanished()
    {
        await DeliverAsync("annv", "Một");
        await DeliverAsync("annv", "Hai");
        await DeliverAsync("annv", "Ba");
        using var dialog = await DialogAsync();
        Assert.That(string.Join('\n', await dialog.CommandAsync("ENABLE QRESYNC")), Does.Contain("* ENABLED QRESYNC"));
        var select = string.Join('\n', await dialog.CommandAsync("SELECT INBOX"));
        var validity = System.Text.RegularExpressions.Regex.Match(select, @"UIDVALIDITY (\d+)").Groups[1].Value;
        var modseq = System.Text.RegularExpressions.Regex.Match(select, @"HIGHESTMODSEQ (\d+)").Groups[1].Value;
        await dialog.CommandAsync("UNSELECT");

        using (var other = await DialogAsync())
        {
            await other.CommandAsync("SELECT INBOX");
            await other.CommandAsync("STORE 1 +FLAGS (\\Seen)");
            await other.CommandAsync("STORE 2 +FLAGS (\\Deleted)");
            await other.CommandAsync("EXPUNGE");
        }

        var resync = string.Join('\n', await dialog.CommandAsync($"SELECT INBOX (QRESYNC ({validity} {modseq} 1:3))"));
        Assert.That(resync, Does.Contain("* VANISHED (EARLIER) 2").And.Contain("* 1 FETCH (FLAGS (\\Seen) UID 1 MODSEQ ("));
        await dialog.CommandAsync("STORE 2 +FLAGS (\\Deleted)");
        var expunge = await dialog.CommandAsync("EXPUNGE");
        Assert.That(expunge, Does.Contain("* VANISHED 3"));
        Assert.That(expunge[^1], Does.Match(@"^a\d+ OK \[HIGHESTMODSEQ \d+\] EXPUNGE completed$"), "as Dovecot: the session's new HIGHESTMODSEQ");
        var fetch = string.Join('\n', await dialog.CommandAsync($"UID FETCH 1:* (FLAGS) (CHANGEDSINCE {modseq} VANISHED)"));
        Assert.That(fetch, Does.Contain("* VANISHED (EARLIER) 2:3"));
    }

    [Test]
    public async Task AppendedInternalDate_KeepsTheClientsZone_InFetchCopyAndSearch()
    {
        // RFC 3501 2.3.3: APPEND's date as the client gave it. Dovecot (Maildir) answers "01-Feb-2024 18:30:00 +0000"
        // for the first and finds it ON 01-Feb-2024 (the server's zone); the zone is kept here.
        using var dialog = await DialogAsync();
        Assert.That(await dialog.TaggedAsync("APPEND INBOX \"02-Feb-2024 01:30:00 +0700\" {8+}\r\nS: a\r\n\r\n"), Does.Contain("OK"));
        Assert.That(await dialog.TaggedAsync("APPEND INBOX \" 1-Feb-2024 22:15:00 -0330\" {8+}\r\nS: b\r\n\r\n"), Does.Contain("OK"));
        await dialog.CommandAsync("SELECT INBOX");
        Assert.That(await dialog.CommandAsync("FETCH 1:2 (INTERNALDATE)"), Is.SupersetOf(new[]
        {
            "* 1 FETCH (INTERNALDATE \"02-Feb-2024 01:30:00 +0700\")",
            "* 2 FETCH (INTERNALDATE \"01-Feb-2024 22:15:00 -0330\")",
        }));
        Assert.That(await dialog.CommandAsync("SEARCH ON 2-Feb-2024"), Does.Contain("* SEARCH 1"));
        Assert.That(await dialog.CommandAsync("SEARCH ON 1-Feb-2024"), Does.Contain("* SEARCH 2"));
        Assert.That(await dialog.CommandAsync("SEARCH BEFORE 2-Feb-2024"), Does.Contain("* SEARCH 2"));
        Assert.That(await dialog.CommandAsync("SEARCH SINCE 2-Feb-2024"), Does.Contain("* SEARCH 1"));

        await dialog.CommandAsync("COPY 1 Drafts");
        await dialog.CommandAsync("SELECT Drafts");
        Assert.That(await dialog.CommandAsync("FETCH 1 (INTERNALDATE)"), Does.Contain("* 1 FETCH (INTERNALDATE \"02-Feb-2024 01:30:00 +0700\")"));
    }

    [Test]
    public async Task Qresync_AfterTheExpungeLogWasPruned_StillReportsEveryVanishedUid()
    {
        Store.Index.ExpungeLogLimit = 2;
        for (var i = 1; i <= 8; i++)
        {
            await DeliverAsync("annv", $"Thư {i}");
        }

        using var dialog = await DialogAsync();
        await dialog.CommandAsync("ENABLE QRESYNC");
        var select = string.Join('\n', await dialog.CommandAsync("SELECT INBOX"));
        var validity = System.Text.RegularExpressions.Regex.Match(select, @"UIDVALIDITY (\d+)").Groups[1].Value;
        var before = System.Text.RegularExpressions.Regex.Match(select, @"HIGHESTMODSEQ (\d+)").Groups[1].Value;
        await dialog.CommandAsync("UNSELECT");

        using var idle = await DialogAsync("annv");
        await idle.CommandAsync("SELECT INBOX");
        string afterFour;
        using (var other = await DialogAsync())
        {
            await other.CommandAsync("ENABLE QRESYNC");
            await other.CommandAsync("SELECT INBOX");
            await other.CommandAsync("UID STORE 2,4,6,7 +FLAGS.SILENT (\\Deleted)");
            await other.CommandAsync("UID EXPUNGE 2");
            var four = string.Join('\n', await other.CommandAsync("UID EXPUNGE 4"));
            afterFour = System.Text.RegularExpressions.Regex.Match(four, @"HIGHESTMODSEQ (\d+)").Groups[1].Value;
            await other.CommandAsync("UID EXPUNGE 6");
            await other.CommandAsync("UID EXPUNGE 7");
        }

        await DeliverAsync("annv", "Thư 9");
        Assert.That(ExpungeLogRows(), Is.LessThanOrEqualTo(2), "the log keeps the last two expunges");

        // From before the floor: every absent UID the client may know, as Dovecot does without its log.
        var resync = string.Join('\n', await dialog.CommandAsync($"SELECT INBOX (QRESYNC ({validity} {before} 1:20))"));
        Assert.That(resync, Does.Contain("* VANISHED (EARLIER) 2,4,6:7\n"));
        var fetch = string.Join('\n', await dialog.CommandAsync($"UID FETCH 1:* (FLAGS) (CHANGEDSINCE {before} VANISHED)"));
        Assert.That(fetch, Does.Contain("* VANISHED (EARLIER) 2,4,6:7\n").And.Contain("UID 9 "));
        await dialog.CommandAsync("UNSELECT");

        // From above it: the log's own answer.
        Assert.That(afterFour, Is.Not.Empty);
        resync = string.Join('\n', await dialog.CommandAsync($"SELECT INBOX (QRESYNC ({validity} {afterFour}))"));
        Assert.That(resync, Does.Contain("* VANISHED (EARLIER) 6:7\n"));

        // A session that slept through all of it is told of each message it had.
        var noop = await idle.CommandAsync("NOOP");
        Assert.That(noop.Count(l => l.EndsWith(" EXPUNGE", StringComparison.Ordinal)), Is.EqualTo(4));
        Assert.That(noop, Does.Contain("* 6 EXISTS").Or.Contain("* 5 EXISTS"));
    }

    private long ExpungeLogRows()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(Store.Bodies.Root, "index.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM expunged";
        return (long)command.ExecuteScalar()!;
    }

    [Test]
    public async Task RawAppend_MultiAppend_NonSynchronisingAndUtf8Literals()
    {
        using var dialog = await DialogAsync();
        var first = "Subject: A\r\n\r\nmot\r\n";
        var second = "Subject: Tiếng Việt\r\n\r\nhai\r\n";
        var secondBytes = Encoding.UTF8.GetByteCount(second);
        var tag = dialog.TakeTag();
        await dialog.SendRawAsync($"{tag} APPEND Drafts (\\Draft) \"29-Nov-2026 08:00:00 +0700\" {{{first.Length}+}}\r\n{first} (\\Seen) UTF8 (~{{{secondBytes}+}}\r\n");
        await dialog.SendRawAsync(Encoding.UTF8.GetBytes(second + ")\r\n"));
        var done = await dialog.ReadUntilTaggedAsync(tag);
        Assert.That(done[^1], Does.Match($@"^{tag} OK \[APPENDUID \d+ 1:2\]"));
        var drafts = Store.Index.Catalog.Find(A("annv"), "Drafts")!;
        var rows = Store.Index.Contents.Rows(drafts.Id);
        Assert.That(rows.Select(r => r.Flags), Is.EqualTo(new[] { "\\Draft", "\\Seen" }));
        Assert.That(rows[0].InternalDate, Is.EqualTo(new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.FromHours(7)).ToUnixTimeSeconds()));
        Assert.That(await dialog.TaggedAsync("APPEND Nowhere {3+}\r\nabc"), Does.Contain("NO [TRYCREATE]"));
    }

    [Test]
    public async Task MailKit_Idle_IsWokenByAnSmtpStyleDelivery()
    {
        using var client = await ClientAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var arrived = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.Inbox.CountChanged += (_, _) => arrived.TrySetResult(client.Inbox.Count);
        using var done = new CancellationTokenSource();
        var idle = client.IdleAsync(done.Token);
        await Task.Delay(200);
        await DeliverAsync("annv", "Thông báo mới");
        var count = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await done.CancelAsync();
        await idle;
        Assert.That(count, Is.EqualTo(1));
    }

    private static async Task<uint[]> Uids(MailKit.Net.Imap.ImapClient client, SearchQuery query) =>
        (await client.Inbox.SearchAsync(query)).Select(u => u.Id).ToArray();
}
