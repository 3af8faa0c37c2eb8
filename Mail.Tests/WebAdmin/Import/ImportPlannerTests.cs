using Mail.WebAdmin.Import;

namespace Mail.Tests.WebAdmin.Import;

internal sealed class ImportPlannerTests
{
    private const string Domain = "truong.edu.vn";
    private static readonly HashSet<string> Hosted = [Domain, "so.edu.vn"];

    private static ImportPlan Plan(string csv, params string[] taken) =>
        ImportPlanner.Plan(CsvTable.Parse(csv), Domain, Hosted.Contains, taken.ToHashSet());

    [Test]
    public void Plan_MakesAddressesFromNames_NumberingCollisions_WithExistingAndEarlierRows()
    {
        var plan = Plan("Họ tên,Đơn vị,Địa chỉ\nNguyễn Văn An,,\nNgô Văn An,truong.edu.vn,\nNguyễn Văn An,so.edu.vn,\nTrần Thị Bình,,", "annv@truong.edu.vn");
        Assert.That(plan.HasErrors, Is.False);
        Assert.That(plan.Rows.Select(r => (r.Line, r.Name, r.Address, r.Generated)), Is.EqualTo(new[]
        {
            (2, "Nguyễn Văn An", "annv2@truong.edu.vn", true),
            (3, "Ngô Văn An", "annv3@truong.edu.vn", true),
            (4, "Nguyễn Văn An", "annv@so.edu.vn", true),
            (5, "Trần Thị Bình", "binhtt@truong.edu.vn", true),
        }));
    }

    [Test]
    public void Plan_KeepsGivenAddresses_AndGeneratedOnesAvoidThem_EvenFromLaterRows()
    {
        var plan = Plan("Nguyễn Văn An\nNguyễn Văn Anh,,ANNV@truong.edu.vn");
        Assert.That(plan.Rows.Select(r => r.Address), Is.EqualTo(new[] { "annv2@truong.edu.vn", "annv@truong.edu.vn" }));
        Assert.That(plan.Rows[1].Generated, Is.False);
    }

    [Test]
    public void Plan_ReportsEveryBadRow_WithItsLine()
    {
        var plan = Plan(string.Join('\n',
            "Nguyễn Văn An,,",
            ",truong.edu.vn,",
            "Lê Hoa,,not-an-address",
            "Lê Hòa,,hoa@truong.edu.vn",
            "Lê Hoà,,hoa@truong.edu.vn",
            "Phạm Minh,khac.edu.vn,",
            "Phạm Minh,so.edu.vn,minh@truong.edu.vn",
            "Vũ Lan,,taken@truong.edu.vn",
            "\"Đặng\"x,,",
            "张伟,,"), "taken@truong.edu.vn");
        Assert.That(plan.HasErrors, Is.True);
        Assert.That(plan.Rows.Select(r => (r.Line, r.Error)), Is.EqualTo(new (int, string?)[]
        {
            (1, null),
            (2, ImportErrors.NameMissing),
            (3, ImportErrors.AddressInvalid),
            (4, null),
            (5, ImportErrors.AddressDuplicate),
            (6, ImportErrors.UnitUnknown),
            (7, ImportErrors.AddressOtherUnit),
            (8, ImportErrors.AddressTaken),
            (9, ImportErrors.Malformed),
            (10, ImportErrors.NameNoLetters),
        }));
        Assert.That(plan.Rows[5].ErrorDetail, Is.EqualTo("khac.edu.vn"));
    }

    [Test]
    public void Plan_OnlyIntoDomainsTheImporterManages()
    {
        var plan = ImportPlanner.Plan(CsvTable.Parse("Nguyễn Văn An,so.edu.vn\nLê Hoa,,hoa@so.edu.vn"), Domain, d => d == Domain, new HashSet<string>());
        Assert.That(plan.Rows.Select(r => r.Error), Is.EqualTo(new[] { ImportErrors.UnitUnknown, ImportErrors.UnitUnknown }));
    }

    [Test]
    public void Fingerprint_ChangesWithTheAddresses()
    {
        var before = Plan("Nguyễn Văn An");
        var after = Plan("Nguyễn Văn An", "annv@truong.edu.vn");
        Assert.Multiple(() =>
        {
            Assert.That(Plan("Nguyễn Văn An").Fingerprint, Is.EqualTo(before.Fingerprint));
            Assert.That(after.Fingerprint, Is.Not.EqualTo(before.Fingerprint));
        });
    }
}
