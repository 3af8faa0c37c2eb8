using System.Text;
using Mail.Server.Store;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Store;

internal sealed class MessageStoreTests
{
    private const string Message = SampleMessages.Multipart;

    private string _root = null!;
    private MessageStore _store = null!;

    [SetUp]
    public void Open()
    {
        _root = Mail.Tests.Fixtures.TestFolder.New("store");
        _store = new MessageStore(_root);
    }

    [TearDown]
    public void Remove() => Mail.Tests.Fixtures.TestFolder.Remove(_root);

    [Test]
    public async Task Deliver_ToManyRecipients_StoresOneBodyReferencedByEach()
    {
        var accounts = Enumerable.Range(0, 500).Select(i => $"gv{i}@truong.edu.vn").ToArray();
        var result = await Deliver(Message, accounts);

        Assert.That(result.UidByAccount, Has.Count.EqualTo(500));
        Assert.That(_store.Bodies.EnumerateHashes().ToArray(), Is.EqualTo(new[] { result.Body.Hash }));
        var references = _store.Index.BodyReferences().Single();
        Assert.That((references.RefCount, references.Rows), Is.EqualTo((500L, 500L)));
        Assert.That(_store.Verify(), Is.Empty);
    }

    [Test]
    public async Task ANewStore_KeepsBodiesInItsPremadeFolders_AndAStoreOfTheTwoLevelLayout_KeepsThatLayout()
    {
        var folders = System.IO.Directory.GetDirectories(Path.Combine(_root, "blobs"));
        Assert.That(folders, Has.Length.EqualTo(256), "all 256 folders exist before the first message");
        var result = await Deliver(Message, ["annv@truong.edu.vn"]);
        var hash = result.Body.Hash;
        Assert.That(_store.Bodies.PathOf(hash), Is.EqualTo(Path.Combine(_root, "blobs", hash[..2], hash)));
        Assert.That(System.IO.Directory.GetDirectories(Path.Combine(_root, "blobs")), Has.Length.EqualTo(256), "no folder was made for it");
        Assert.That(System.IO.Directory.Exists(Path.Combine(_root, "bodies")), Is.False);

        // A store written by an earlier version: bodies/XX/YY/HASH and no blobs/. It keeps its layout, old bodies and new.
        var older = TestFolder.New("store-two-levels");
        try
        {
            var oldPath = Path.Combine(older, "bodies", hash[..2], hash[2..4], hash);
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(oldPath)!);
            File.Copy(_store.Bodies.PathOf(hash), oldPath);
            foreach (var file in System.IO.Directory.GetFiles(_root, "index.db*"))
            {
                File.Copy(file, Path.Combine(older, Path.GetFileName(file))); // with its WAL: the index is open
            }
            var store = new MessageStore(older);
            store.Recover();
            Assert.That(store.Verify(), Is.Empty, "the old body is found where it was");
            Assert.That(store.Bodies.EnumerateHashes(), Is.EqualTo(new[] { hash }));
            using var second = new MemoryStream(Encoding.UTF8.GetBytes("Subject: hai\r\n\r\nhai\r\n"));
            var added = await store.DeliverAsync(second, ["annv@truong.edu.vn"], DateTimeOffset.UtcNow, CancellationToken.None);
            Assert.That(store.Bodies.PathOf(added.Body.Hash), Does.StartWith(Path.Combine(older, "bodies") + Path.DirectorySeparatorChar));
            Assert.That(File.Exists(store.Bodies.PathOf(added.Body.Hash)), Is.True);
            Assert.That(System.IO.Directory.Exists(Path.Combine(older, "blobs")), Is.False, "no second layout beside the first");
            Assert.That(store.Verify(), Is.Empty);
        }
        finally
        {
            TestFolder.Remove(older);
        }
    }

    [Test]
    public async Task Deliver_KeepsTheBytesExactly()
    {
        var result = await Deliver(Message, ["annv@truong.edu.vn"]);
        var stored = await File.ReadAllBytesAsync(_store.Bodies.PathOf(result.Body.Hash));
        Assert.That(stored, Is.EqualTo(Encoding.UTF8.GetBytes(Message)));
    }

    [Test]
    public async Task Deliver_CreatesTheStandardMailboxes_AndAscendingUids()
    {
        var first = await Deliver(Message, ["annv@truong.edu.vn"]);
        var second = await Deliver(Message.Replace("abc@", "def@", StringComparison.Ordinal), ["annv@truong.edu.vn"]);
        var mailboxes = _store.Index.Mailboxes("annv@truong.edu.vn");

        Assert.That(mailboxes.Select(m => (m.Name, m.SpecialUse)), Is.EqualTo(new (string, string?)[]
        {
            ("INBOX", null), ("Drafts", "\\Drafts"), ("Sent", "\\Sent"), ("Archive", "\\Archive"), ("Junk", "\\Junk"), ("Trash", "\\Trash"),
        }));
        var inbox = mailboxes[0];
        Assert.That((first.UidByAccount["annv@truong.edu.vn"], second.UidByAccount["annv@truong.edu.vn"]), Is.EqualTo((1L, 2L)));
        Assert.That((inbox.Messages, inbox.UidNext, inbox.Size), Is.EqualTo((2, 3L, 2L * Encoding.UTF8.GetByteCount(Message))));
        Assert.That(inbox.UidValidity, Is.GreaterThan(0));
    }

    [Test]
    public async Task Deliver_CachesEnvelopeAndStructure()
    {
        var result = await Deliver(Message, ["annv@truong.edu.vn"]);
        var inbox = _store.Index.Mailboxes("annv@truong.edu.vn")[0];
        var (_, analysis) = _store.Index.Message(inbox.Id, result.UidByAccount["annv@truong.edu.vn"])!.Value;

        Assert.Multiple(() =>
        {
            Assert.That(analysis.Envelope.MessageId, Is.EqualTo("<abc@truong.edu.vn>"));
            Assert.That(analysis.Envelope.From.Single(), Is.EqualTo(new CachedAddress("Nguyễn Văn An", "annv", "truong.edu.vn")));
            Assert.That(analysis.Envelope.To.Select(a => a.Mailbox), Is.EqualTo(new[] { "giaovien", "binhtt" }));
            Assert.That((analysis.Structure.Type, analysis.Structure.Subtype), Is.EqualTo(("multipart", "mixed")));
            Assert.That(analysis.Structure.Children.Select(c => $"{c.Type}/{c.Subtype}"), Is.EqualTo(new[] { "text/plain", "application/pdf" }));
            var text = analysis.Structure.Children[0];
            // The CRLF before a boundary belongs to the delimiter (RFC 2046 5.1.1), not to the part.
            Assert.That(text.Octets, Is.EqualTo(Encoding.UTF8.GetByteCount("Kính gửi các thầy cô,\r\nHọp tổ lúc 14 giờ.")));
            Assert.That(text.Lines, Is.EqualTo(2));
            Assert.That(analysis.Structure.Children[1].Disposition, Is.EqualTo("attachment"));
        });
    }

    [Test]
    public async Task Expunge_DeletesTheBodyWithItsLastReference()
    {
        var result = await Deliver(Message, ["a@x.vn", "b@x.vn"]);
        var a = _store.Index.Mailboxes("a@x.vn")[0];
        var b = _store.Index.Mailboxes("b@x.vn")[0];

        Assert.That(_store.Expunge(a.Id, [result.UidByAccount["a@x.vn"]]), Is.Zero);
        Assert.That(File.Exists(_store.Bodies.PathOf(result.Body.Hash)), Is.True);
        Assert.That(_store.Expunge(b.Id, [result.UidByAccount["b@x.vn"]]), Is.EqualTo(1));
        Assert.That(File.Exists(_store.Bodies.PathOf(result.Body.Hash)), Is.False);
        Assert.That(_store.Index.Mailboxes("b@x.vn")[0].HighestModSeq, Is.GreaterThan(b.HighestModSeq));
        Assert.That((_store.Index.Mailboxes("b@x.vn")[0].Messages, _store.Index.Mailboxes("b@x.vn")[0].Size), Is.EqualTo((0, 0L)));
        Assert.That(_store.Index.Usage("a@x.vn"), Is.Zero);
        Assert.That(_store.Verify(), Is.Empty);
    }

    [Test]
    public async Task AnIndexFromBeforeTheMailboxCounters_GetsThemFilledIn()
    {
        await Deliver(Message, ["a@x.vn", "b@x.vn"]);
        await Deliver(Message + "x", ["a@x.vn"]);
        var index = Path.Combine(_store.Bodies.Root, "index.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={index}"))
        {
            connection.Open();
            using var drop = connection.CreateCommand();
            drop.CommandText = "ALTER TABLE mailboxes DROP COLUMN message_count; ALTER TABLE mailboxes DROP COLUMN size;";
            drop.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var reopened = new MessageStore(_root);
        var inbox = reopened.Index.Mailboxes("a@x.vn")[0];
        Assert.That((inbox.Messages, inbox.Size), Is.EqualTo((2, (2L * Encoding.UTF8.GetByteCount(Message)) + 1)));
        Assert.That(reopened.Verify(), Is.Empty);
    }

    [Test]
    public async Task AnIndexWithAnalysesInTheBodiesTable_IsSplitAndGetsMessageSizes()
    {
        await Deliver(Message, ["a@x.vn", "b@x.vn"]);
        await Deliver(Message + "x", ["a@x.vn"]);
        var index = Path.Combine(_store.Bodies.Root, "index.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={index}"))
        {
            // The layout before the split: analyses inside bodies, no size on messages.
            connection.Open();
            using var old = connection.CreateCommand();
            old.CommandText = """
                PRAGMA foreign_keys = OFF;
                CREATE TABLE bodies_old (hash TEXT PRIMARY KEY, size INTEGER NOT NULL, refcount INTEGER NOT NULL,
                    envelope TEXT NOT NULL, structure TEXT NOT NULL) WITHOUT ROWID;
                INSERT INTO bodies_old SELECT b.hash, b.size, b.refcount, a.envelope, a.structure FROM bodies b JOIN analyses a ON a.hash = b.hash;
                DROP TABLE bodies; DROP TABLE analyses;
                ALTER TABLE bodies_old RENAME TO bodies;
                ALTER TABLE messages DROP COLUMN size;
                """;
            old.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var reopened = new MessageStore(_root);
        var inbox = reopened.Index.Mailboxes("a@x.vn")[0];
        var rows = reopened.Index.Contents.Rows(inbox.Id);
        Assert.That(rows.Select(r => r.Size), Is.EqualTo(new[] { (long)Encoding.UTF8.GetByteCount(Message), Encoding.UTF8.GetByteCount(Message) + 1L }));
        Assert.That(reopened.Index.Message(inbox.Id, rows[0].Uid)?.Analysis.Envelope.Subject, Is.Not.Null, "the envelope moved with its body");
        Assert.That(reopened.Index.SearchHeaders(inbox.Id).Values, Is.All.Null, "older bodies have no kept search fields: SEARCH reads their files");
        Assert.That(reopened.Verify(), Is.Empty);
        Assert.That(reopened.Index.CounterMismatches(), Is.Empty);

        // The split index takes new mail and releases bodies as before.
        await reopened.DeliverAsync(new MemoryStream(Encoding.UTF8.GetBytes(Message + "y")), ["a@x.vn"], DateTimeOffset.UtcNow, CancellationToken.None);
        Assert.That(reopened.Index.SearchHeaders(inbox.Id).Values.Count(v => v is not null), Is.EqualTo(1));
        reopened.Expunge(inbox.Id, reopened.Index.Uids(inbox.Id));
        Assert.That(reopened.Bodies.EnumerateHashes().Count(), Is.EqualTo(1), "only the body b@x.vn still holds remains");
        Assert.That(reopened.Verify(), Is.Empty);
    }

    [Test]
    public async Task AnIndexWithoutZonesOrAnalysisVersions_GetsThem_AndTheAnalysesAreRedone()
    {
        await Deliver(Message, ["a@x.vn"]);
        var index = Path.Combine(_store.Bodies.Root, "index.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={index}"))
        {
            connection.Open();
            using var old = connection.CreateCommand();
            old.CommandText = "ALTER TABLE messages DROP COLUMN internal_zone; ALTER TABLE analyses DROP COLUMN version;";
            old.ExecuteNonQuery();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var reopened = new MessageStore(_root);
        var inbox = reopened.Index.Mailboxes("a@x.vn")[0];
        Assert.That(reopened.Index.Contents.Rows(inbox.Id).Single().InternalDateTime.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(await reopened.UpgradeAnalysesAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await reopened.UpgradeAnalysesAsync(CancellationToken.None), Is.EqualTo(0));
        var zoned = new DateTimeOffset(2024, 2, 2, 1, 30, 0, TimeSpan.FromHours(7));
        var uid = await reopened.AppendAsync("a@x.vn", inbox.Id, new MemoryStream(Encoding.UTF8.GetBytes(Message + "z")), string.Empty, zoned, CancellationToken.None);
        Assert.That(reopened.Index.Contents.Rows(inbox.Id).Single(r => r.Uid == uid).InternalDateTime, Is.EqualTo(zoned).And.Property("Offset").EqualTo(TimeSpan.FromHours(7)));
    }

    [Test]
    public async Task ConcurrentDeliveries_ToOneMailbox_GetDistinctConsecutiveUids()
    {
        var deliveries = Enumerable.Range(0, 40).Select(i => Deliver(Message.Replace("abc@", $"m{i}@", StringComparison.Ordinal), ["annv@x.vn"]));
        var results = await Task.WhenAll(deliveries);
        var uids = results.Select(r => r.UidByAccount["annv@x.vn"]).Order().ToArray();
        Assert.That(uids, Is.EqualTo(Enumerable.Range(1, 40).Select(i => (long)i).ToArray()));
        Assert.That(_store.Index.Uids(_store.Index.Mailboxes("annv@x.vn")[0].Id), Has.Count.EqualTo(40));
    }

    [Test]
    public async Task Reopen_RemovesWhatACrashLeftBeforeIndexing_AndKeepsEverythingIndexed()
    {
        var kept = await Deliver(Message, ["annv@x.vn"]);

        // A crash after the body was written but before the index commit leaves an orphan file; one
        // before the body was published leaves a temporary file. Neither message got a 250.
        await using (var orphan = new MemoryStream(Encoding.UTF8.GetBytes("Subject: never acknowledged\r\n\r\nx\r\n")))
        {
            var body = await _store.Bodies.PutAsync(orphan, CancellationToken.None);
            Assert.That(File.Exists(_store.Bodies.PathOf(body.Hash)), Is.True);
        }

        await File.WriteAllTextAsync(Path.Combine(_store.Bodies.TemporaryFolder, "partial"), "Subject: half");
        var reopened = new MessageStore(_root);
        reopened.Recover();
        Assert.That(reopened.Bodies.EnumerateHashes().ToArray(), Is.EqualTo(new[] { kept.Body.Hash }));
        Assert.That(System.IO.Directory.EnumerateFiles(reopened.Bodies.TemporaryFolder), Is.Empty);
        Assert.That(reopened.Index.Mailboxes("annv@x.vn")[0].Messages, Is.EqualTo(1));
        Assert.That(reopened.Verify(), Is.Empty);
    }

    [Test]
    public async Task Verify_ReportsAMissingBody()
    {
        var result = await Deliver(Message, ["annv@x.vn"]);
        File.Delete(_store.Bodies.PathOf(result.Body.Hash));
        Assert.That(_store.Verify(), Has.Some.Contains("is missing"));
    }

    private async Task<DeliveryResult> Deliver(string message, IReadOnlyList<string> accounts)
    {
        await using var stream = new MemoryStream(Encoding.UTF8.GetBytes(message));
        return await _store.DeliverAsync(stream, accounts, DateTimeOffset.UtcNow, CancellationToken.None);
    }
}
