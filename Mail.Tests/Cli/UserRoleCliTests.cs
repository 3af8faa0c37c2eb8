using Mail.Tests.Fixtures;

namespace Mail.Tests.Cli;

/// <summary><c>user role</c> through the real executable: a role given and taken back, the domains a domain admin
/// manages, and each bad input refused in one line with nothing changed.</summary>
[NonParallelizable]
internal sealed class UserRoleCliTests
{
    private const string Domain = "so.edu.vn";
    private const string School = "thpt-nguyendu.edu.vn";
    private string _root = null!;
    private CliRunner _cli = null!;

    [OneTimeSetUp]
    public async Task InitAsync()
    {
        _root = TestFolder.New("user-role");
        (_cli, _) = await CliRunner.InitAsync(_root, Domain, "Xin-chao-2026!");
        await _cli.RunOkAsync("domain", "add", School);
        await _cli.RunOkAsync("user", "add", "phongtc@" + Domain, "--name", "Trần Công Phong", "--password", "Phong-mat-khau-2026");
    }

    [OneTimeTearDown]
    public void Cleanup() => TestFolder.Remove(_root);

    [Test]
    public async Task Role_IsGiven_WithManagedDomains_ThenTakenBack()
    {
        var given = await _cli.RunOkAsync("user", "role", "phongtc@" + Domain, "domain-admin", "--manages", School, Domain.ToUpperInvariant());
        Assert.That(given.StdoutLines, Does.Contain("roles: domain-admin").And.Contain($"manages: {Domain}, {School}"));

        var helpdesk = await _cli.RunOkAsync("user", "role", "phongtc@" + Domain, "helpdesk");
        Assert.That(helpdesk.StdoutLines, Does.Contain("roles: helpdesk").And.Contain("manages: "), "no --manages: its own domain again");

        var taken = await _cli.RunOkAsync("user", "role", "phongtc@" + Domain, "user");
        Assert.That(taken.StdoutLines, Does.Contain("roles: ").And.Contain("manages: "));
    }

    [TestCase("admin", "--manages", School, "managed domains go with the domain-admin or helpdesk role only")]
    [TestCase("domain-admin", "--manages", "khac.example", "khac.example")]
    [TestCase("owner", null, null, "unknown role 'owner'")]
    public async Task BadInput_IsRefusedInOneLine_AndChangesNothing(string role, string? option, string? value, string message)
    {
        await _cli.RunOkAsync("user", "role", "phongtc@" + Domain, "helpdesk");
        string[] args = option is null ? ["user", "role", "phongtc@" + Domain, role] : ["user", "role", "phongtc@" + Domain, role, option, value!];

        var refused = await _cli.RunAsync(args);

        Assert.That(refused.ExitCode, Is.EqualTo(1), refused.ToString());
        Assert.That(refused.StderrLines, Has.Length.EqualTo(1));
        Assert.That(refused.StderrLines[0], Does.StartWith("mailappliance: ").And.Contain(message));
        Assert.That((await _cli.RunOkAsync("user", "show", "phongtc@" + Domain)).StdoutLines, Does.Contain("roles: helpdesk"));
    }
}
