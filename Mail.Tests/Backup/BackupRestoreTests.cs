using System.Globalization;
using Mail.Tests.Fixtures;
using MailKit;
using MailKit.Net.Imap;
using MailKit.Security;
using Microsoft.Data.Sqlite;
using MimeKit;

namespace Mail.Tests.Backup;

/// <summary>backup, restore and verify end to end: real processes, a real slapd, real SMTP and IMAP. The backup is
/// taken while the appliance runs; the restored folder is started with <c>run</c> and must serve the same accounts,
/// groups, aliases and mailboxes (UIDs, flags, keywords) as the original.</summary>
[NonParallelizable]
internal sealed class BackupRestoreTests
{
    private const string Domain = "backup.edu.vn";
    private const string Password = "Xin-chao-2026!";
    private const string External = "truongphong@sgd.example";
    private static readonly string[] Accounts = [$"annv@{Domain}", $"binhtt@{Domain}", $"postmaster@{Domain}"];
    private string _root = null!;
    private CliRunner _original = null!;
    private string _backup = null!;
    private FakeDns _dns = null!;
    private FakeMta _mta = null!;
    private Dictionary<string, string> _directoryBefore = null!;
    private Dictionary<string, List<string>> _mailboxesBefore = null!;
    private string[] _queueBefore = null!;

    [OneTimeSetUp]
    public async Task BackUpARunningApplianceAsync()
    {
        _root = TestFolder.New("backup");
        _original = new CliRunner(Path.Combine(_root, "original"), FreePort.Next());
        await _original.RunOkAsync("init", "--domain", Domain, "--admin-password", Password);
        await _original.RunOkAsync("user", "add", $"annv@{Domain}", "--name", "Nguyễn Văn An", "--password", Password);
        await _original.RunOkAsync("user", "add", $"binhtt@{Domain}", "--name", "Trần Thị Bình", "--password", Password, "--quota", "50000000");
        await _original.RunOkAsync("alias", "add", $"annv@{Domain}", $"an.nguyen@{Domain}");
        await _original.RunOkAsync("group", "add", $"giaovien@{Domain}", "--name", "Giáo viên", "--policy", "senders");
        await _original.RunOkAsync("group", "member", "add", $"giaovien@{Domain}", $"annv@{Domain}", $"binhtt@{Domain}", External);
        await _original.RunOkAsync("group", "sender", "add", $"giaovien@{Domain}", "vanphong@sgd.example");
        await _original.RunOkAsync("alias", "add", $"giaovien@{Domain}", $"gv@{Domain}");

        // The group's external member gets a copy through the queue; the fake MTA keeps saying "try later", so the
        // copy is still in the spool when the backup is taken.
        _dns = FakeDns.Start();
        _dns.Mx("sgd.example", 10, "mx.sgd.example").Address("mx.sgd.example", "127.0.0.1");
        _mta = await FakeMta.StartAsync();
        _mta.OnRecipient = _ => (451, "4.2.1 mailbox busy");
        _original.Environment["Mail__Dns__Server"] = _dns.Server;
        _original.Environment["Mail__Delivery__Port"] = _mta.Port.ToString(CultureInfo.InvariantCulture);

        var imap = FreePort.Next();
        using var run = StartWithImap(_original, imap);
        await CliRunner.WaitUntilRunningAsync(run);
        try
        {
            await SendAsync(_original.SmtpPort, $"annv@{Domain}", "Công văn số 1", "Kính gửi thầy An.");
            await SendAsync(_original.SmtpPort, $"annv@{Domain}", "Công văn số 2", "Lần hai.");
            await SendAsync(_original.SmtpPort, $"gv@{Domain}", "Họp hội đồng", "Thứ Hai, 7 giờ.");
            await SendAsync(_original.SmtpPort, $"annv@{Domain}", "Sẽ xoá", "Tin này bị xoá.");
            await ArrangeMailboxesAsync(imap);
            Assert.That(await Eventually.TrueAsync(async () => (await _original.RunAsync("queue", "list")).Stdout.Contains(External, StringComparison.Ordinal), TimeSpan.FromSeconds(30)),
                Is.True, "the external copy is queued");

            // Read before the backup: a first IMAP login creates an account's standard mailboxes.
            _mailboxesBefore = await MailboxesAsync(imap);
            var backup = await _original.RunOkAsync("backup", "--to", Path.Combine(_root, "appliance.tar.gz"));
            Assert.That(backup.Stdout, Does.Contain("directory: ").And.Contain("store: 5 messages").And.Contain("audit log: web/audit.db"), backup.ToString());
            _backup = Path.Combine(_root, "appliance.tar.gz");
        }
        finally
        {
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
        }

        _directoryBefore = await DirectoryAsync(_original);
        _queueBefore = QueuedIds(await _original.RunOkAsync("queue", "list"));
    }

    [OneTimeTearDown]
    public async Task CleanupAsync()
    {
        await _mta.DisposeAsync();
        _dns.Dispose();
        TestFolder.Remove(_root);
    }

    [Test]
    public async Task Restore_ServesTheSameDirectoryMailboxesAndQueue()
    {
        var restored = await RestoreAsync("restored");
        var verify = await restored.RunOkAsync("verify");
        Assert.That(verify.StdoutLines, Does.Contain("0 problems, 0 warnings"), verify.ToString());

        Assert.That(await DirectoryAsync(restored), Is.EqualTo(_directoryBefore));
        var auditBefore = await AuditAsync(_original);
        Assert.That(auditBefore, Has.Some.Contains($"annv@{Domain}"), "the CLI's changes were audited");
        var auditAfter = await AuditAsync(restored);
        Assert.That(auditAfter.Skip(1), Is.EqualTo(auditBefore), "the audit log comes back whole");
        Assert.That(auditAfter[0], Does.Contain($"cli:{Environment.UserName} appliance-restore /"), "then the restore itself, newest");
        Assert.That(QueuedIds(await restored.RunOkAsync("queue", "list")), Is.EqualTo(_queueBefore).And.Not.Empty);

        Assert.That(await ServedMailboxesAsync(restored), Is.EqualTo(_mailboxesBefore));
    }

    [Test]
    public async Task ABackupOfTheOlderTwoLevelLayout_RestoresIntoThatLayout_AndServesEveryMessage()
    {
        // The archive an earlier version wrote: the same entries, bodies under store/bodies/XX/YY/HASH.
        var older = Path.Combine(_root, "two-levels.tar");
        var moved = 0;
        await using (var input = new System.IO.Compression.GZipStream(File.OpenRead(_backup), System.IO.Compression.CompressionMode.Decompress))
        await using (var output = File.Create(older))
        {
            using var reader = new System.Formats.Tar.TarReader(input);
            await using var writer = new System.Formats.Tar.TarWriter(output, System.Formats.Tar.TarEntryFormat.Pax, leaveOpen: true);
            while (await reader.GetNextEntryAsync(copyData: true) is { } entry)
            {
                if (entry.Name.StartsWith("store/blobs/", StringComparison.Ordinal))
                {
                    var hash = Path.GetFileName(entry.Name);
                    var renamed = new System.Formats.Tar.PaxTarEntry(System.Formats.Tar.TarEntryType.RegularFile, $"store/bodies/{hash[..2]}/{hash[2..4]}/{hash}")
                    {
                        DataStream = entry.DataStream,
                    };
                    await writer.WriteEntryAsync(renamed);
                    moved++;
                }
                else
                {
                    await writer.WriteEntryAsync(entry);
                }
            }
        }

        Assert.That(moved, Is.GreaterThan(0), "the backup holds bodies in the new layout");
        var restored = await RestoreAsync("two-levels", older);
        Assert.That(System.IO.Directory.Exists(Path.Combine(restored.DataDirectory, "store", "blobs")), Is.False);
        var verify = await restored.RunOkAsync("verify");
        Assert.That(verify.StdoutLines, Does.Contain("0 problems, 0 warnings"), verify.ToString());

        Assert.That(await ServedMailboxesAsync(restored), Is.EqualTo(_mailboxesBefore));
    }

    [Test]
    public async Task Verify_FindsAMissingBody()
    {
        var restored = await RestoreAsync("missing-body");
        var body = System.IO.Directory.EnumerateFiles(Path.Combine(restored.DataDirectory, "store", "blobs"), "*", SearchOption.AllDirectories).First();
        File.Delete(body);
        var verify = await restored.RunAsync("verify");
        Assert.That(verify.ExitCode, Is.EqualTo(65), verify.ToString());
        Assert.That(verify.Stdout, Does.Contain($"PROBLEM store: body {Path.GetFileName(body)} is missing"));
        Assert.That(verify.StderrLines, Has.Length.EqualTo(1).And.Some.StartsWith("mailappliance: verify found"));

        // A damaged store can still be backed up; the backup says what is missing (seen in two snapshots in a row).
        var backup = await restored.RunOkAsync("backup", "--to", Path.Combine(_root, "damaged.tar"));
        Assert.That(backup.Stdout, Does.Contain($"warning: body {Path.GetFileName(body)} is referenced by the index but missing from the store")
            .And.Contain("index snapshots taken: 2"));
    }

    [Test]
    public async Task Verify_FindsAReferenceCountMismatch_AndWarnsOfAnOrphanBody()
    {
        var restored = await RestoreAsync("refcount");
        var index = Path.Combine(restored.DataDirectory, "store", "index.db");
        string hash;
        using (var connection = new SqliteConnection($"Data Source={index};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE bodies SET refcount = refcount + 1 WHERE hash = (SELECT MIN(hash) FROM bodies) RETURNING hash";
            hash = (string)command.ExecuteScalar()!;
        }

        var orphan = new string('a', 64);
        var orphanPath = new Mail.Server.Store.BodyStore(Path.Combine(restored.DataDirectory, "store")).PathOf(orphan);
        System.IO.Directory.CreateDirectory(Path.GetDirectoryName(orphanPath)!);
        await File.WriteAllTextAsync(orphanPath, "Subject: nobody's\r\n\r\n");

        var verify = await restored.RunAsync("verify");
        Assert.That(verify.ExitCode, Is.EqualTo(65), verify.ToString());
        Assert.That(verify.Stdout, Does.Contain($"PROBLEM store: body {hash} has reference count"));
        Assert.That(verify.Stdout, Does.Contain($"warning store: body {orphan} has no index row"));
    }

    [Test]
    public async Task Restore_IntoAFolderThatIsNotEmpty_IsRefused_AndLeavesItAlone()
    {
        var target = new CliRunner(Path.Combine(_root, "occupied"), FreePort.Next());
        System.IO.Directory.CreateDirectory(target.DataDirectory);
        await File.WriteAllTextAsync(Path.Combine(target.DataDirectory, "keep.txt"), "mine");
        var result = await target.RunAsync("restore", "--from", _backup);
        AssertOneLineError(result, "is not empty");
        Assert.That(System.IO.Directory.EnumerateFileSystemEntries(target.DataDirectory).Select(Path.GetFileName), Is.EqualTo(new[] { "keep.txt" }));
    }

    [Test]
    public async Task Restore_OfAFileThatIsNotABackup_IsRefused_AndLeavesNoFolder()
    {
        var notABackup = Path.Combine(_root, "notes.txt");
        await File.WriteAllTextAsync(notABackup, "not a tar file at all, just some words that are long enough to fill a tar header block or not");
        var target = new CliRunner(Path.Combine(_root, "from-garbage"), FreePort.Next());
        var result = await target.RunAsync("restore", "--from", notABackup);
        AssertOneLineError(result, "is not a MailAppliance backup");
        Assert.That(System.IO.Directory.Exists(target.DataDirectory), Is.False);
    }

    [Test]
    public async Task Backup_ToAPlainTar_IsOwnerOnly_StartsWithItsManifest_AndRestores()
    {
        var file = Path.Combine(_root, "appliance.tar");
        var backup = await _original.RunOkAsync("backup", "--to", file);
        Assert.That(backup.StdoutLines[^1], Does.StartWith($"wrote {file} ("));
        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(System.IO.Directory.EnumerateFileSystemEntries(_root, ".mailappliance-backup-*"), Is.Empty, "no staging folder left");
        await using (var stream = File.OpenRead(file))
        {
            using var tar = new System.Formats.Tar.TarReader(stream);
            Assert.That((await tar.GetNextEntryAsync())?.Name, Is.EqualTo("backup.json"));
        }

        var restored = new CliRunner(Path.Combine(_root, "from-plain-tar"), FreePort.Next());
        await restored.RunOkAsync("restore", "--from", file);
        Assert.That((await restored.RunOkAsync("verify")).StdoutLines, Does.Contain("0 problems, 0 warnings"));
        Assert.That(await DirectoryAsync(restored), Is.EqualTo(_directoryBefore));
    }

    [Test]
    public async Task Backup_OfAFolderWithoutAnAppliance_IsRefused()
    {
        var empty = new CliRunner(Path.Combine(_root, "nothing"), FreePort.Next());
        AssertOneLineError(await empty.RunAsync("backup", "--to", Path.Combine(_root, "nothing.tar")), "nothing to back up");
        Assert.That(File.Exists(Path.Combine(_root, "nothing.tar")), Is.False);
    }

    private async Task<CliRunner> RestoreAsync(string name, string? archive = null)
    {
        var restored = new CliRunner(Path.Combine(_root, name), FreePort.Next());
        var result = await restored.RunOkAsync("restore", "--from", archive ?? _backup);
        Assert.That(result.Stdout, Does.Contain("directory: ").And.Contain("entries loaded"), result.ToString());
        return restored;
    }

    // Runs the restored appliance and reads every mailbox over IMAP (logging in checks the password hashes came back
    // too); the appliance must then stop cleanly.
    private static async Task<Dictionary<string, List<string>>> ServedMailboxesAsync(CliRunner restored)
    {
        var imap = FreePort.Next();
        using var run = StartWithImap(restored, imap);
        await CliRunner.WaitUntilRunningAsync(run);
        Dictionary<string, List<string>> mailboxes;
        try
        {
            mailboxes = await MailboxesAsync(imap);
        }
        finally
        {
            CliRunner.Signal("TERM", run.Id);
            await run.WaitForExitAsync();
        }

        Assert.That(run.ExitCode, Is.Zero);
        return mailboxes;
    }

    private static System.Diagnostics.Process StartWithImap(CliRunner cli, int imapPort)
    {
        cli.Environment["Mail__Imap__Port"] = imapPort.ToString(CultureInfo.InvariantCulture);
        cli.Environment["Mail__AllowPlaintextAuthOnLoopback"] = "true";
        return cli.Start("run");
    }

    private static async Task SendAsync(int port, string to, string subject, string text)
    {
        using var client = new MailKit.Net.Smtp.SmtpClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        var message = new MimeMessage();
        message.From.Add(new MailboxAddress("Văn phòng Sở", "vanphong@sgd.example"));
        message.To.Add(MailboxAddress.Parse(to));
        message.Subject = subject;
        message.Body = new TextPart("plain") { Text = text };
        await client.SendAsync(message);
        await client.DisconnectAsync(true);
    }

    // Flags, a keyword, a Vietnamese mailbox with a copy in it, and an expunge (a body's reference count goes down).
    private static async Task ArrangeMailboxesAsync(int imapPort)
    {
        using var client = await LoginAsync(imapPort, $"annv@{Domain}");
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var uids = await client.Inbox.SearchAsync(MailKit.Search.SearchQuery.All);
        Assert.That(uids, Has.Count.EqualTo(4));
        await client.Inbox.AddFlagsAsync(uids[0], MessageFlags.Seen | MessageFlags.Flagged, true);
        await client.Inbox.StoreAsync(uids[1], new StoreFlagsRequest(StoreAction.Add, MessageFlags.Answered) { Keywords = { "$Label1" } });
        var archive = await client.GetFolder(client.PersonalNamespaces[0]).CreateAsync("Lưu trữ 2026", true) ?? throw new AssertionException("CREATE failed");
        await client.Inbox.CopyToAsync(uids[2], archive);
        await client.Inbox.AddFlagsAsync(uids[3], MessageFlags.Deleted, true);
        await client.Inbox.ExpungeAsync();
        await client.DisconnectAsync(true);
    }

    // Every mailbox of every account as IMAP shows it: UIDVALIDITY, UIDNEXT, and each message's UID, flags, keywords,
    // size and subject.
    private static async Task<Dictionary<string, List<string>>> MailboxesAsync(int imapPort)
    {
        var result = new Dictionary<string, List<string>>();
        foreach (var account in Accounts)
        {
            using var client = await LoginAsync(imapPort, account);
            var lines = new List<string>();
            foreach (var folder in (await client.GetFoldersAsync(client.PersonalNamespaces[0])).OrderBy(f => f.FullName, StringComparer.Ordinal))
            {
                await folder.OpenAsync(FolderAccess.ReadOnly);
                lines.Add(string.Create(CultureInfo.InvariantCulture, $"{folder.FullName} uidvalidity={folder.UidValidity} uidnext={folder.UidNext} count={folder.Count}"));
                if (folder.Count > 0)
                {
                    foreach (var m in await folder.FetchAsync(0, -1, MessageSummaryItems.UniqueId | MessageSummaryItems.Flags | MessageSummaryItems.Size | MessageSummaryItems.Envelope))
                    {
                        lines.Add(string.Create(CultureInfo.InvariantCulture,
                            $"  {m.UniqueId} {m.Flags} [{string.Join(' ', m.Keywords.Order(StringComparer.Ordinal))}] {m.Size} {m.Envelope?.Subject}"));
                    }
                }

                await folder.CloseAsync();
            }

            result[account] = lines;
            await client.DisconnectAsync(true);
        }

        Assert.That(result[$"annv@{Domain}"], Has.Some.Contains("Lưu trữ 2026"));
        return result;
    }

    private static async Task<ImapClient> LoginAsync(int port, string account)
    {
        var client = new ImapClient();
        await client.ConnectAsync("127.0.0.1", port, SecureSocketOptions.None);
        await client.AuthenticateAsync(account, Password);
        return client;
    }

    // The directory as the CLI shows it: accounts (with names, quotas, aliases, roles), groups (members, policy,
    // senders, aliases) and domains.
    private static async Task<Dictionary<string, string>> DirectoryAsync(CliRunner cli)
    {
        var shown = new Dictionary<string, string>
        {
            ["domains"] = (await cli.RunOkAsync("domain", "list")).Stdout,
            ["users"] = (await cli.RunOkAsync("user", "list")).Stdout,
            ["groups"] = (await cli.RunOkAsync("group", "list")).Stdout,
        };
        foreach (var account in Accounts)
        {
            shown["user " + account] = (await cli.RunOkAsync("user", "show", account)).Stdout;
        }

        shown["group giaovien"] = (await cli.RunOkAsync("group", "show", $"giaovien@{Domain}")).Stdout;
        shown["expand"] = (await cli.RunOkAsync("group", "expand", $"gv@{Domain}")).Stdout;
        Assert.That(shown["user " + Accounts[0]], Does.Contain($"an.nguyen@{Domain}"));
        return shown;
    }

    private static string[] QueuedIds(CliResult list) =>
        [.. list.StdoutLines.Where(l => l.Length > 16 && char.IsAsciiHexDigit(l[0]) && !l.StartsWith("ID", StringComparison.Ordinal)).Select(l => l[..16]).Order(StringComparer.Ordinal)];

    private static void AssertOneLineError(CliResult result, string message)
    {
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines[0], Does.StartWith("mailappliance: ").And.Contain(message));
    }

    private static async Task<List<string>> AuditAsync(CliRunner cli) =>
        [.. (await new Mail.WebAdmin.Audit.AuditLog(Path.Combine(cli.DataDirectory, "web")).ReadAsync(null, 0, 1000, CancellationToken.None)).Entries
            .Select(e => $"{e.At:O} {e.Actor} {e.Action} {e.Target} {e.Detail}")];
}
