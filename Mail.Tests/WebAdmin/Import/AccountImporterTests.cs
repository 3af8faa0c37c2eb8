using System.Security.Claims;
using Mail.Tests.Fixtures;
using Mail.WebAdmin.Accounts;
using Mail.WebAdmin.Audit;
using Mail.WebAdmin.Import;
using Mail.WebAdmin.Operations;
using Mail.WebAdmin.Security;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mail.Tests.WebAdmin.Import;

/// <summary>Committing an import against a real slapd: all rows or none.</summary>
internal sealed class AccountImporterTests : DirectoryTestBase
{
    private string _folder = null!;
    private AuditLog _audit = null!;
    private AccountImporter _importer = null!;

    [SetUp]
    public void CreateImporter()
    {
        _folder = TestFolder.New("import");
        System.IO.Directory.CreateDirectory(_folder);
        _audit = new AuditLog(_folder);
        var catalog = new AccountCatalog(Dir, TimeProvider.System);
        _importer = new AccountImporter(Dir, catalog, new ChangeRecorder(_audit, TimeProvider.System), NullLogger<AccountImporter>.Instance);
    }

    [TearDown]
    public void RemoveFolder() => TestFolder.Remove(_folder);

    [Test]
    public async Task Commit_CreatesEveryRow_WithPasswordsThatWork_AndAuditsEach()
    {
        var plan = await _importer.PlanAsync(Admin(), "Nguyễn Văn An\nNguyễn Văn An\nĐỗ Thị Hoa", Domain, None);
        var result = await _importer.CommitAsync(Admin(), plan, None);

        Assert.That(result.Succeeded, Is.True);
        Assert.That(result.Created.Select(a => (a.Address, a.Name)), Is.EqualTo(new[]
        {
            (A("annv"), "Nguyễn Văn An"), (A("annv2"), "Nguyễn Văn An"), (A("hoadt"), "Đỗ Thị Hoa"),
        }));
        foreach (var account in result.Created)
        {
            var check = await Dir.Authenticator.AuthenticateAsync(account.Address, account.Password, None);
            Assert.That(check.Succeeded, Is.True, account.Address);
        }

        var log = await _audit.ReadAsync([Domain], 0, 10, None);
        Assert.That(log.Entries.Select(e => e.Action), Is.All.EqualTo(OperationsAuditActions.AccountImport));
        Assert.That(log.Total, Is.EqualTo(3));
    }

    [Test]
    public async Task Commit_RefusedMidway_RemovesTheAccountsItCreated()
    {
        var plan = await _importer.PlanAsync(Admin(), "Nguyễn Văn An\nTrần Thị Bình\nLê Hoa\nPhạm Minh", Domain, None);
        Assert.That(plan.HasErrors, Is.False);
        // Someone takes the third address between the preview and the commit: the directory refuses that row.
        await AddUserAsync("hoal", "Lê Hoa");

        var result = await _importer.CommitAsync(Admin(), plan, None);

        Assert.Multiple(() =>
        {
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Created, Is.Empty);
            Assert.That(result.FailedRow!.Line, Is.EqualTo(3));
            Assert.That(result.Reason, Does.Contain("already exists"));
        });
        var left = (await Dir.Accounts.ListAsync(Domain, None)).Select(a => a.Address);
        Assert.That(left, Is.EqualTo(new[] { A("hoal") }), "nothing of the import is left");
    }

    [Test]
    public async Task Plan_ByADomainAdmin_OfAnotherDomain_IsForbidden()
    {
        var other = AdminActorFor("hieutruong@khac.edu.vn", AdminRoles.DomainAdmin, "khac.edu.vn");
        Assert.That(async () => await _importer.PlanAsync(other, "Nguyễn Văn An", Domain, None), Throws.TypeOf<AdminForbiddenException>());
    }

    private static AdminActor Admin() => AdminActorFor("postmaster@x.edu.vn", AdminRoles.Admin, null);

    private static AdminActor AdminActorFor(string address, string role, string? domain)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, address), new(ClaimTypes.Role, role) };
        if (domain is not null)
        {
            claims.Add(new Claim(AdminClaims.ManagedDomain, domain));
        }

        return new AdminActor(AdminScope.Of(new ClaimsPrincipal(new ClaimsIdentity(claims, "test"))), "127.0.0.1");
    }
}
