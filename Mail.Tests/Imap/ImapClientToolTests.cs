using System.Diagnostics;
using System.Text;
using MailKit;

namespace Mail.Tests.Imap;

/// <summary>Command-line clients against the IMAP server: curl's imap:// and imaps:// URLs and mbsync (isync)
/// pulling a mailbox and resynchronising flag changes both ways.</summary>
internal sealed class ImapClientToolTests : ImapTestBase
{
    [Test]
    public async Task Curl_ListsMailboxes_AndFetchesAMessageByUid_OverStartTlsAndImplicitTls()
    {
        await DeliverAsync("annv", "Curl", "Xin chào từ curl.\r\n");
        var user = $"{A("annv")}:{GoodPassword}";
        var list = await RunAsync("curl", "-s", "--ssl-reqd", "--insecure", "-u", user, $"imap://127.0.0.1:{StrictPort}/");
        Assert.That(list.Exit, Is.Zero, list.Output);
        Assert.That(list.Output, Does.Contain("\"INBOX\"").And.Contain("\\Sent"));

        var message = await RunAsync("curl", "-s", "--insecure", "-u", user, $"imaps://127.0.0.1:{TlsPort}/INBOX;UID=1");
        Assert.That(message.Exit, Is.Zero, message.Output);
        Assert.That(message.Output, Does.Contain("Subject: Curl").And.Contain("Xin chào từ curl."));
    }

    [Test]
    public async Task Mbsync_PullsEveryMessage_ThenResyncsFlagChangesBothWays()
    {
        const int Count = 1000;
        for (var i = 1; i <= Count; i++)
        {
            await DeliverAsync("annv", $"Thư số {i}", $"Nội dung {i}\r\n");
        }

        var home = Mail.Tests.Fixtures.TestFolder.New("mbsync");
        var maildir = Path.Combine(home, "mail");
        System.IO.Directory.CreateDirectory(maildir);
        var config = Path.Combine(home, "mbsyncrc");
        await File.WriteAllTextAsync(config, $"""
            IMAPAccount appliance
            Host 127.0.0.1
            Port {TlsPort}
            User {A("annv")}
            Pass {GoodPassword}
            SSLType IMAPS
            CertificateFile {await CertificateFileAsync(home)}

            IMAPStore remote
            Account appliance

            MaildirStore local
            Path {maildir}/
            Inbox {maildir}/INBOX

            Channel inbox
            Far :remote:INBOX
            Near :local:INBOX
            Create Near
            Sync All
            SyncState *
            """);
        try
        {
            var first = await RunAsync("mbsync", "-c", config, "inbox");
            Assert.That(first.Exit, Is.Zero, first.Output);
            var files = System.IO.Directory.GetFiles(Path.Combine(maildir, "INBOX", "new")).Concat(System.IO.Directory.GetFiles(Path.Combine(maildir, "INBOX", "cur"))).ToList();
            Assert.That(files, Has.Count.EqualTo(Count));

            // Near side: mark one message seen (Maildir "S" flag); far side: flag another over IMAP.
            var local = files.First(f => HasSubject(f, "Thư số 7"));
            var seen = Path.Combine(maildir, "INBOX", "cur", Path.GetFileName(local).Split(":2,")[0] + ":2,S");
            File.Move(local, seen);
            using (var client = await ClientAsync())
            {
                await client.Inbox.OpenAsync(MailKit.FolderAccess.ReadWrite);
                await client.Inbox.AddFlagsAsync(new MailKit.UniqueId(9), MailKit.MessageFlags.Flagged, silent: true);
            }

            var second = await RunAsync("mbsync", "-c", config, "inbox");
            Assert.That(second.Exit, Is.Zero, second.Output);
            var inbox = Store.Index.Catalog.Find(A("annv"), "INBOX")!;
            var seenRow = Store.Index.Contents.Rows(inbox.Id).Single(r => r.Uid == 7);
            Assert.That(seenRow.Flags, Does.Contain("\\Seen"), "the Maildir change reached the server");
            var flaggedFile = System.IO.Directory.GetFiles(Path.Combine(maildir, "INBOX", "cur")).Concat(System.IO.Directory.GetFiles(Path.Combine(maildir, "INBOX", "new")))
                .Single(f => HasSubject(f, "Thư số 9"));
            Assert.That(flaggedFile, Does.EndWith("F"), "the server's \\Flagged reached the Maildir");
        }
        finally
        {
            Mail.Tests.Fixtures.TestFolder.Remove(home);
        }
    }

    // mbsync stores Maildir files with LF line ends.
    private static bool HasSubject(string file, string subject) =>
        File.ReadAllText(file).Replace("\r\n", "\n", StringComparison.Ordinal).Contains($"Subject: {subject}\n", StringComparison.Ordinal);

    private async Task<string> CertificateFileAsync(string folder)
    {
        var path = Path.Combine(folder, "server.pem");
        await File.WriteAllTextAsync(path, Certificate.ExportCertificatePem());
        return path;
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, params string[] args)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, new StringBuilder(await output).Append(await errors).ToString());
    }
}
