using System.Text;
using Mail.Server.Queue;
using Mail.Tests.Fixtures;
using Mail.WebAdmin.Audit;

namespace Mail.Tests.Cli;

/// <summary>Changes made with the real executable land in the web admin's audit log (read here through the code its
/// audit page uses): as "cli:" and the Unix user, from "local", under the changed entry's domain, never with a
/// password; a refused command writes nothing.</summary>
[NonParallelizable]
internal sealed class CliAuditTests
{
    private const string Domain = "so.edu.vn";
    private const string School = "thpt-nguyendu.edu.vn";
    private const string Thu = "thuhn@" + Domain;
    private const string Group = "bgh@" + Domain;
    private const string FirstPassword = "Thu-mat-khau-dau-2026";
    private const string SecondPassword = "Thu-mat-khau-moi-2027";
    private string _root = null!;
    private CliRunner _cli = null!;

    [OneTimeSetUp]
    public async Task InitAsync()
    {
        _root = TestFolder.New("cli-audit");
        (_cli, _) = await CliRunner.InitAsync(_root, Domain, "Xin-chao-2026!");
    }

    [OneTimeTearDown]
    public void Cleanup() => TestFolder.Remove(_root);

    [Test]
    public async Task EveryChange_IsAudited_AsTheLocalCliUser_UnderItsDomain_WithoutPasswords()
    {
        var before = (await ReadAsync(null)).Count;
        await _cli.RunOkAsync("domain", "add", School);
        await _cli.RunOkAsync("user", "add", Thu, "--name", "Hoàng Ngọc Thu", "--password", FirstPassword, "--role", "helpdesk", "--public", "--title", "Văn thư");
        await _cli.RunOkAsync("user", "set", Thu.ToUpperInvariant(), "--no-public");
        await _cli.RunOkAsync("user", "role", Thu, "domain-admin", "--manages", School);
        await _cli.RunOkAsync("user", "passwd", Thu, "--password", SecondPassword);
        await _cli.RunOkAsync("user", "disable", Thu);
        await _cli.RunOkAsync("alias", "add", Thu, "vanthu@" + Domain);
        await _cli.RunOkAsync("group", "add", Group, "--name", "Ban giám hiệu", "--policy", "members");
        await _cli.RunOkAsync("group", "member", "add", Group, Thu, "truongphong@sgd.example");
        await _cli.RunOkAsync("group", "sender", "add", Group, "vanphong@sgd.example");
        await _cli.RunOkAsync("group", "policy", Group, "senders");
        await _cli.RunOkAsync("group", "set", Group, "--public");
        await _cli.RunOkAsync("group", "remove", Group);
        await _cli.RunOkAsync("dkim", "generate", School, "--algorithm", "ed25519", "--selector", "s2027");
        await _cli.RunOkAsync("dkim", "activate", School, "s2027");
        await _cli.RunOkAsync("user", "delete", Thu);
        await _cli.RunOkAsync("domain", "remove", School);
        var refused = await _cli.RunAsync("user", "add", "ai@khong-co.edu.vn", "--name", "Ai Đó", "--password", FirstPassword);
        Assert.That(refused.ExitCode, Is.Not.Zero, "a domain not hosted here");

        var entries = (await ReadAsync(null)).Take(..^before).Reverse().ToList();
        Assert.That(entries.Select(e => $"{e.Action} {e.Target}"), Is.EqualTo(new[]
        {
            $"domain-add {School}", $"account-create {Thu}", $"account-public {Thu}", $"account-role {Thu}", $"password-reset {Thu}",
            $"account-disable {Thu}", $"alias-add {Thu}", $"group-create {Group}", $"group-member-add {Group}", $"group-member-add {Group}",
            $"group-sender-add {Group}", $"group-policy {Group}", $"group-public {Group}", $"group-delete {Group}",
            $"dkim-generate {School}", $"dkim-activate {School}", $"account-delete {Thu}", $"domain-remove {School}",
        }), "one entry per change, in order; nothing for the refused command");
        Assert.That(entries.Select(e => e.Actor).Distinct(), Is.EqualTo(new[] { "cli:" + Environment.UserName }));
        Assert.That(entries.Select(e => e.Remote).Distinct(), Is.EqualTo(new[] { "local" }));

        var details = entries.Select(e => e.Detail).ToList();
        Assert.That(details[1], Is.EqualTo("Hoàng Ngọc Thu; role helpdesk; public; title: Văn thư"));
        Assert.That(details[2], Is.EqualTo("not public"));
        Assert.That(details[3], Is.EqualTo($"domain-admin (manages {School})"));
        Assert.That(details[4], Is.Empty, "which account, never the password");
        Assert.That(details[6..10], Is.EqualTo(new[] { "vanthu@" + Domain, "Ban giám hiệu (members)", Thu, "truongphong@sgd.example" }));
        Assert.That(details[11..13], Is.EqualTo(new[] { "senders", "public" }));
        Assert.That(details[14], Is.EqualTo("s2027 (ed25519, pending)"));
        Assert.That(details[15], Does.Match(@"^s2027 \(retired ed25519-\d{8}\)$"));
        Assert.That(entries[0].Detail, Does.Match(@"^rsa-\d{8}, ed25519-\d{8}$"), "the new domain's keys");

        foreach (var entry in entries)
        {
            Assert.That(entry.ToString(), Does.Not.Contain(FirstPassword).And.Not.Contain(SecondPassword), "no password in the audit log");
        }

        // A domain admin's page shows their domains' entries only.
        var school = await ReadAsync([School]);
        Assert.That(school.Select(e => e.Action), Is.EqualTo(new[] { "domain-remove", "dkim-activate", "dkim-generate", "domain-add" }));
    }

    [Test]
    public async Task Init_IsTheLogsFirstEntry_UnderTheFirstDomain()
    {
        var first = (await ReadAsync(null))[^1];
        Assert.That($"{first.Actor} {first.Remote} {first.Action} {first.Target} {first.Domain}: {first.Detail}",
            Is.EqualTo($"cli:{Environment.UserName} local appliance-init {Domain} {Domain}: host mail.{Domain}, administrator postmaster@{Domain}"));
        Assert.That((await ReadAsync([Domain]))[^1].Action, Is.EqualTo("appliance-init"), "the domain's admins see it");
    }

    [Test]
    public async Task QueueRetryDeleteAndFlush_AreAudited_UnderTheSendersDomain()
    {
        var spool = new OutboundSpool(Path.Combine(_cli.DataDirectory, "spool"));
        var id = await spool.EnqueueAsync("gv@" + Domain, ["truongphong@sgd.example"],
            Encoding.UTF8.GetBytes("Subject: Báo cáo\r\n\r\nKính gửi.\r\n"), CancellationToken.None);
        var before = (await ReadAsync(null)).Count;
        await _cli.RunOkAsync("queue", "retry", id);
        await _cli.RunOkAsync("queue", "flush");
        await _cli.RunOkAsync("queue", "delete", id);

        var entries = (await ReadAsync(null)).Take(..^before).Reverse().ToList();
        Assert.That(entries.Select(e => $"{e.Action} {e.Target} {e.Domain}: {e.Detail}"), Is.EqualTo(new[]
        {
            $"queue-retry {id} {Domain}: gv@{Domain} → truongphong@sgd.example",
            "queue-flush queue : 1 recipient(s)",
            $"queue-delete {id} {Domain}: gv@{Domain} → truongphong@sgd.example",
        }));
    }

    /// <summary>The audit log newest first, of every domain (null) or of <paramref name="domains"/>, as the audit page
    /// reads it.</summary>
    private async Task<IReadOnlyList<AuditEntry>> ReadAsync(string[]? domains) =>
        (await new AuditLog(Path.Combine(_cli.DataDirectory, "web")).ReadAsync(domains, 0, 1000, CancellationToken.None)).Entries;
}
