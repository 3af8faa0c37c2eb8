using System.Security.Cryptography;
using System.Text;
using Mail.Server.Store;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Store;

/// <summary>Small bodies received in memory are published without a sync of their own and kept in the index until
/// their files are synced; recovery rebuilds their files from those copies.</summary>
internal sealed class StagedBodyTests
{
    private string _root = null!;
    private MessageStore _store = null!;

    [SetUp]
    public void Open()
    {
        _root = TestFolder.New("staged");
        _store = new MessageStore(_root);
    }

    [TearDown]
    public void Remove() => TestFolder.Remove(_root);

    [Test]
    public async Task ASmallBodyInMemory_IsReadableAtOnce_AndKeptInTheIndexUntilItsFileIsSynced()
    {
        var result = await DeliverAsync(Text("Họp tổ chuyên môn"), "annv@truong.edu.vn", "ttb@truong.edu.vn");

        Assert.That(_store.Index.Staged.Count(), Is.EqualTo(1), "one copy for the two recipients");
        Assert.That(await File.ReadAllBytesAsync(_store.Bodies.PathOf(result.Body.Hash)), Is.EqualTo(Text("Họp tổ chuyên môn")));
        Assert.That(_store.Verify(), Is.Empty);

        Assert.That(_store.SyncStagedBodies(_store.Index.Staged.Last()), Is.EqualTo(1));
        Assert.That(_store.Index.Staged.Count(), Is.Zero);
        Assert.That(_store.Index.Staged.Bytes(), Is.Zero);
        Assert.That(_store.Verify(), Is.Empty);
    }

    [Test]
    public async Task TheSameBytesAgain_KeepACopyToo_ForTheFileMayBeAnotherDeliverysUnsyncedOne()
    {
        await DeliverAsync(Text("Lịch công tác"), "annv@truong.edu.vn");
        await DeliverAsync(Text("Lịch công tác"), "ttb@truong.edu.vn");
        Assert.That(_store.Index.Staged.Count(), Is.EqualTo(2));
        Assert.That(_store.SyncStagedBodies(_store.Index.Staged.Last()), Is.EqualTo(2));
        Assert.That(_store.Index.BodyReferences().Single().RefCount, Is.EqualTo(2));
    }

    [Test]
    public async Task ASync_FindingTheFileOfAReferencedBodyGone_WritesItAgainFromTheCopy()
    {
        var result = await DeliverAsync(Text("Công văn đến"), "annv@truong.edu.vn");
        File.Delete(_store.Bodies.PathOf(result.Body.Hash));

        _store.SyncStagedBodies(_store.Index.Staged.Last());

        Assert.That(await File.ReadAllBytesAsync(_store.Bodies.PathOf(result.Body.Hash)), Is.EqualTo(Text("Công văn đến")));
        Assert.That(_store.Index.Staged.Count(), Is.Zero);
        Assert.That(_store.Verify(), Is.Empty);
    }

    [Test]
    public async Task ALargeBody_OrAStreamWithoutAVisibleBuffer_IsSyncedBeforeTheDeliveryReturns_AndNotStaged()
    {
        var large = Text(new string('x', MessageStore.StagedBodyLimit));
        await DeliverAsync(large, "annv@truong.edu.vn");
        await using (var hidden = new MemoryStream(Text("Thông báo")))
        {
            await _store.DeliverAsync(hidden, ["annv@truong.edu.vn"], DateTimeOffset.UtcNow, CancellationToken.None);
        }

        Assert.That(_store.Index.Staged.Count(), Is.Zero);
        Assert.That(_store.Index.Mailboxes("annv@truong.edu.vn")[0].Messages, Is.EqualTo(2));
    }

    [Test]
    public async Task OnceTheLimitOfWaitingCopiesIsReached_DeliveriesSyncTheirOwnBody_UntilASyncMakesRoom()
    {
        var first = Text("Thư một");
        _store.StagedBytesLimit = first.Length;
        await DeliverAsync(first, "annv@truong.edu.vn");
        await DeliverAsync(Text("Thư hai"), "annv@truong.edu.vn");
        Assert.That(_store.Index.Staged.Count(), Is.EqualTo(1));

        _store.SyncStagedBodies(_store.Index.Staged.Last());
        Assert.That(_store.StagedBytesWaiting, Is.Zero);
        await DeliverAsync(Text("Thư ba"), "annv@truong.edu.vn");
        Assert.That(_store.Index.Staged.Count(), Is.EqualTo(1));
        Assert.That(_store.Index.Mailboxes("annv@truong.edu.vn")[0].Messages, Is.EqualTo(3));
        Assert.That(_store.Verify(), Is.Empty);
    }

    [Test]
    public async Task Recovery_AfterAPowerLossTookTheUnsyncedFiles_WritesThemFromTheIndexCopies()
    {
        var emptied = await DeliverAsync(Text("Kế hoạch năm học"), "annv@truong.edu.vn");
        var lost = await DeliverAsync(Text("Báo cáo tháng 11"), "ttb@truong.edu.vn");
        var garbled = await DeliverAsync(Text("Thời khóa biểu"), "ttb@truong.edu.vn");
        var intact = await DeliverAsync(Text("Danh sách lớp"), "ttb@truong.edu.vn");

        // What a power loss can leave of a file that was never synced: nothing, a name without its bytes, other bytes.
        await File.WriteAllBytesAsync(_store.Bodies.PathOf(emptied.Body.Hash), []);
        File.Delete(_store.Bodies.PathOf(lost.Body.Hash));
        await File.WriteAllBytesAsync(_store.Bodies.PathOf(garbled.Body.Hash), new byte[Text("Thời khóa biểu").Length]);
        var untouched = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(_store.Bodies.PathOf(intact.Body.Hash), untouched);
        Assert.That(_store.Verify(), Has.Some.Contains("is missing"));

        var reopened = new MessageStore(_root);
        reopened.Recover();

        Assert.That(await File.ReadAllBytesAsync(reopened.Bodies.PathOf(emptied.Body.Hash)), Is.EqualTo(Text("Kế hoạch năm học")));
        Assert.That(await File.ReadAllBytesAsync(reopened.Bodies.PathOf(lost.Body.Hash)), Is.EqualTo(Text("Báo cáo tháng 11")));
        Assert.That(await File.ReadAllBytesAsync(reopened.Bodies.PathOf(garbled.Body.Hash)), Is.EqualTo(Text("Thời khóa biểu")));
        Assert.That(File.GetLastWriteTimeUtc(reopened.Bodies.PathOf(intact.Body.Hash)), Is.EqualTo(untouched), "a file with the right bytes is kept, not written again");
        Assert.That(reopened.Index.Staged.Count(), Is.Zero);
        Assert.That(reopened.Verify(), Is.Empty);
    }

    [Test]
    public async Task ABodyExpungedBeforeItsSync_IsNotBroughtBackByRecovery()
    {
        var result = await DeliverAsync(Text("Tin nhắn nháp"), "annv@truong.edu.vn");
        var inbox = _store.Index.Mailboxes("annv@truong.edu.vn")[0];
        Assert.That(_store.Expunge(inbox.Id, [result.UidByAccount["annv@truong.edu.vn"]]), Is.EqualTo(1));

        var reopened = new MessageStore(_root);
        reopened.Recover();

        Assert.That(File.Exists(reopened.Bodies.PathOf(result.Body.Hash)), Is.False);
        Assert.That(reopened.Bodies.EnumerateHashes(), Is.Empty);
        Assert.That(reopened.Index.Staged.Count(), Is.Zero);
        Assert.That(reopened.Verify(), Is.Empty);
    }

    [Test]
    public async Task ASync_CoversOnlyTheCopiesUpToItsId_AndSkipsAFileDeletedSince()
    {
        var first = await DeliverAsync(Text("Thư một"), "annv@truong.edu.vn");
        var upTo = _store.Index.Staged.Last();
        await DeliverAsync(Text("Thư hai"), "annv@truong.edu.vn");
        Assert.That(_store.Expunge(_store.Index.Mailboxes("annv@truong.edu.vn")[0].Id, [first.UidByAccount["annv@truong.edu.vn"]]), Is.EqualTo(1));

        Assert.That(_store.SyncStagedBodies(upTo), Is.EqualTo(1));
        Assert.That(_store.Index.Staged.Count(), Is.EqualTo(1), "the second message's copy waits for the next sync");
        Assert.That(_store.Index.Staged.Bytes(), Is.EqualTo(Text("Thư hai").Length));
    }

    [Test]
    public async Task TheBodyStaged_HasTheHashOfItsBytes_FromTheStreamsPosition()
    {
        var bytes = Text("Trích yếu văn bản");
        using var stream = new MemoryStream();
        stream.Write("ignored"u8);
        stream.Write(bytes);
        stream.Position = "ignored"u8.Length;
        var result = await _store.DeliverAsync(stream, ["annv@truong.edu.vn"], DateTimeOffset.UtcNow, CancellationToken.None);

        Assert.That(result.Body.Hash, Is.EqualTo(Convert.ToHexStringLower(SHA256.HashData(bytes))));
        Assert.That(result.Body.Size, Is.EqualTo(bytes.Length));
        Assert.That(_store.Index.Staged.Count(), Is.EqualTo(1));
        var envelopes = _store.Index.Envelopes(_store.Index.Mailboxes("annv@truong.edu.vn")[0].Id);
        Assert.That(envelopes[result.UidByAccount["annv@truong.edu.vn"]].Subject, Is.EqualTo("Trích yếu văn bản"));
    }

    private static byte[] Text(string subject) => Encoding.UTF8.GetBytes($"Subject: {subject}\r\nFrom: hieutruong@truong.edu.vn\r\n\r\nNội dung.\r\n");

    // A stream that shows its buffer, as SMTP's is.
    private async Task<DeliveryResult> DeliverAsync(byte[] message, params string[] accounts)
    {
        using var stream = new MemoryStream(message, 0, message.Length, writable: false, publiclyVisible: true);
        return await _store.DeliverAsync(stream, accounts, DateTimeOffset.UtcNow, CancellationToken.None);
    }
}
