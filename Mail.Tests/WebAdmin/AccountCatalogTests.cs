using System.Diagnostics;
using System.DirectoryServices.Protocols;
using Mail.Directory.Addressing;
using Mail.Tests.Fixtures;
using Mail.WebAdmin.Accounts;

namespace Mail.Tests.WebAdmin;

/// <summary>The account list at 10,000 accounts: search without diacritics, scoped to domains, paged. The times are
/// printed for the issue notes, never asserted.</summary>
internal sealed class AccountCatalogTests : DirectoryTestBase
{
    private static readonly string[] Families = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng"];
    private static readonly string[] Middles = ["Văn", "Thị", "Minh", "Thu", "Đức"];
    private static readonly string[] Givens = ["An", "Bình", "Châu", "Dũng", "Hà", "Hùng", "Lan", "Mai", "Nam", "Quỳnh"];

    [Test]
    public async Task TenThousandAccounts_SearchAndPage_AcrossTheCachedList()
    {
        const int count = 10_000;
        var other = await SlapdFixture.NewDomainAsync(Dir);
        var added = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var name = $"{Families[i % 10]} {Middles[i / 10 % 5]} {Givens[i / 50 % 10]}";
            var address = MailAddress.Parse($"u{i:D5}@{(i % 20 == 0 ? other : Domain)}");
            // Straight LDAP adds without passwords: the {ARGON2} hashing of 10,000 passwords is not what is measured.
            await Dir.Gateway.SendAsync<AddResponse>(new AddRequest(Dir.Layout.AccountDn(address),
                new DirectoryAttribute("objectClass", "inetOrgPerson", "inetLocalMailRecipient", "maAccount"),
                new DirectoryAttribute("uid", address.ToString()), new DirectoryAttribute("mail", address.ToString()),
                new DirectoryAttribute("cn", name), new DirectoryAttribute("displayName", name),
                new DirectoryAttribute("sn", name.Split(' ')[0]), new DirectoryAttribute("givenName", name.Split(' ')[^1])), ct);
        });
        added.Stop();

        using var catalog = new AccountCatalog(Dir, TimeProvider.System);
        var firstLoad = Stopwatch.StartNew();
        var all = await catalog.SearchAsync(_ => true, null, 0, 50, None);
        firstLoad.Stop();
        Assert.That(all.Total, Is.EqualTo(count));

        var search = Stopwatch.StartNew();
        var nguyen = await catalog.SearchAsync(d => d == Domain, "nguyen", 0, 50, None);
        search.Stop();
        // Nguyễn is every tenth account and half of them live in the other domain, which the scope leaves out.
        Assert.That(nguyen.Total, Is.EqualTo(count / 20));
        Assert.That(nguyen.Accounts.Select(a => a.Name), Has.All.StartWith("Nguyễn"));

        var paging = Stopwatch.StartNew();
        var last = await catalog.SearchAsync(d => d == Domain, null, 10_000, 50, None);
        paging.Stop();
        Assert.Multiple(() =>
        {
            Assert.That(last.Total, Is.EqualTo(count - count / 20));
            Assert.That(last.Page, Is.EqualTo(last.Pages - 1), "a page past the end shows the last one");
            Assert.That(last.Accounts, Has.Count.EqualTo(50));
        });

        var exact = await catalog.SearchAsync(_ => true, "dang duc quynh", 0, 50, None);
        Assert.That(exact.Accounts.Select(a => a.Name).Distinct(), Is.EqualTo(new[] { "Đặng Đức Quỳnh" }), "đ folds to d");

        TestContext.Out.WriteLine($"10,000 accounts: LDAP adds {added.ElapsedMilliseconds} ms; first list load {firstLoad.ElapsedMilliseconds} ms; " +
            $"search 'nguyen' {search.Elapsed.TotalMilliseconds:F2} ms; last page {paging.Elapsed.TotalMilliseconds:F2} ms");
    }
}
