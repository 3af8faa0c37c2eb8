using Mail.Tests.Fixtures;
using Mail.WebAdmin.Audit;

namespace Mail.Tests.WebAdmin;

/// <summary>The audit log keeps every entry, pages newest first and shows a domain admin only their domains.</summary>
internal sealed class AuditLogTests
{
    private string _folder = null!;

    [SetUp]
    public void CreateFolder()
    {
        _folder = TestFolder.New("audit");
        System.IO.Directory.CreateDirectory(_folder);
    }

    [TearDown]
    public void RemoveFolder() => TestFolder.Remove(_folder);

    [Test]
    public async Task Entries_PageNewestFirst_AndFilterByDomain()
    {
        var log = new AuditLog(_folder);
        var start = new DateTimeOffset(2026, 11, 29, 8, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 120; i++)
        {
            var domain = i % 3 == 0 ? "so.edu.vn" : "truong.edu.vn";
            await log.RecordAsync(new AuditEntry(start.AddMinutes(i), "postmaster@truong.edu.vn", "192.0.2.1", AuditActions.AccountRename,
                $"u{i}@{domain}", domain, $"Tên {i}"), CancellationToken.None);
        }

        var first = await log.ReadAsync(null, 0, 50, CancellationToken.None);
        Assert.That(first.Total, Is.EqualTo(120));
        Assert.That(first.Entries[0].Target, Is.EqualTo("u119@truong.edu.vn"));
        Assert.That(first.Entries[0].At, Is.EqualTo(start.AddMinutes(119)));
        var third = await log.ReadAsync(null, 2, 50, CancellationToken.None);
        Assert.That(third.Entries, Has.Count.EqualTo(20));
        Assert.That(third.Entries[^1].Detail, Is.EqualTo("Tên 0"));

        var school = await log.ReadAsync(["so.edu.vn"], 0, 50, CancellationToken.None);
        Assert.That(school.Total, Is.EqualTo(40));
        Assert.That(school.Entries.Select(e => e.Domain).Distinct(), Is.EqualTo(new[] { "so.edu.vn" }));
        Assert.That((await log.ReadAsync([], 0, 50, CancellationToken.None)).Total, Is.Zero, "no domains, no entries");

        var reopened = new AuditLog(_folder);
        Assert.That((await reopened.ReadAsync(null, 0, 1, CancellationToken.None)).Total, Is.EqualTo(120), "kept across restarts");
    }
}
