using Mail.Server.Hosting;

namespace Mail.Tests.Hosting;

/// <summary>The dashboard's recent-events list keeps the newest entries, newest first, within its capacity.</summary>
internal sealed class DeliveryJournalTests
{
    [Test]
    public void Recent_IsNewestFirst_AndForgetsTheOldestWhenFull()
    {
        var journal = new DeliveryJournal(capacity: 3);
        Assert.That(journal.Recent(10), Is.Empty);

        for (var i = 1; i <= 5; i++)
        {
            journal.Add(new JournalEntry(DateTimeOffset.UnixEpoch.AddMinutes(i), $"ID{i}", "a@truong.edu.vn", "b@truong.edu.vn", JournalEventKind.Accepted, "1 local mailbox(es)"));
        }

        Assert.That(journal.Recent(10).Select(e => e.QueueId), Is.EqualTo(new[] { "ID5", "ID4", "ID3" }));
        Assert.That(journal.Recent(2).Select(e => e.QueueId), Is.EqualTo(new[] { "ID5", "ID4" }));
    }
}
