using Mail.Directory;

namespace Mail.Tests.Fixtures;

/// <summary>Base for tests against one private slapd per fixture class; each test gets a fresh domain.</summary>
internal abstract class DirectoryTestBase
{
    protected const string GoodPassword = "Xin-chao-2026!";

    protected SlapdFixture Slapd { get; private set; } = null!;

    protected MailDirectory Dir { get; private set; } = null!;

    protected string Domain { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    [OneTimeSetUp]
    public async Task StartSlapdAsync()
    {
        Slapd = await SlapdFixture.StartAsync();
        Dir = Slapd.NewDirectory();
    }

    [OneTimeTearDown]
    public async Task StopSlapdAsync()
    {
        Dir.Dispose();
        await Slapd.DisposeAsync();
    }

    [SetUp]
    public async Task NewDomainAsync() => Domain = await SlapdFixture.NewDomainAsync(Dir);

    protected string A(string local) => $"{local}@{Domain}";

    protected Task<Account> AddUserAsync(string local, string name = "Nguyễn Văn An") =>
        Dir.Accounts.AddAsync(A(local), name, GoodPassword, None);
}
