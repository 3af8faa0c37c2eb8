using System.Text;
using MailKit;
using MimeKit;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Imap;

/// <summary>FETCH end to end: MailKit summaries (ENVELOPE, BODYSTRUCTURE, flags, sizes), whole messages and parts,
/// raw section forms, partials, BINARY, \Seen on a non-PEEK fetch, CHANGEDSINCE.</summary>
internal sealed class ImapFetchTests : ImapTestBase
{
    private const string Multipart = SampleMessages.Multipart;

    [Test]
    public async Task MailKit_Summaries_AndWholeMessagesAndParts()
    {
        await AppendRawAsync(Multipart);
        using var client = await ClientAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadWrite);
        var summary = (await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.Envelope | MessageSummaryItems.BodyStructure | MessageSummaryItems.Flags
            | MessageSummaryItems.Size | MessageSummaryItems.UniqueId | MessageSummaryItems.InternalDate))[0];
        Assert.That(summary.Envelope!.Subject, Is.EqualTo("Lịch họp tổ Toán"));
        Assert.That(summary.Envelope!.From.Mailboxes.Single().Name, Is.EqualTo("Nguyễn Văn An"));
        Assert.That(summary.Envelope!.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "giaovien@truong.edu.vn", "binhtt@truong.edu.vn" }));
        Assert.That(summary.Envelope!.MessageId, Is.EqualTo("abc@truong.edu.vn"));
        Assert.That(summary.Size, Is.EqualTo(Encoding.UTF8.GetByteCount(Multipart)));
        Assert.That(summary.Attachments!.Single().FileName, Is.EqualTo("lich.pdf"));
        var text = (TextPart)await client.Inbox.GetBodyPartAsync(summary.UniqueId, summary.TextBody!);
        Assert.That(text.Text, Does.Contain("Họp tổ lúc 14 giờ."));
        Assert.That(summary.Flags, Is.EqualTo(MessageFlags.None));

        var whole = await client.Inbox.GetStreamAsync(summary.UniqueId);
        using var copy = new MemoryStream();
        await whole.CopyToAsync(copy);
        Assert.That(Encoding.UTF8.GetString(copy.ToArray()), Is.EqualTo(Multipart), "byte for byte");
        var flags = await client.Inbox.FetchAsync([summary.UniqueId], MessageSummaryItems.Flags);
        Assert.That(flags[0].Flags, Is.EqualTo(MessageFlags.None), "GetStream peeks");
    }

    [Test]
    public async Task RawSections_Partials_Binary_AndSeen()
    {
        await AppendRawAsync(Multipart);
        using var dialog = await DialogAsync();
        await dialog.CommandAsync("SELECT INBOX");
        var mime = string.Join("\n", await dialog.CommandAsync("FETCH 1 (BODY.PEEK[1.MIME] BODY.PEEK[HEADER.FIELDS (SUBJECT \"Message-ID\")] BODY.PEEK[2]<0.4>)"));
        Assert.That(mime, Does.Contain("BODY[1.MIME] {").And.Contain("Content-Transfer-Encoding: 8bit"));
        Assert.That(mime, Does.Contain("BODY[HEADER.FIELDS (SUBJECT \"MESSAGE-ID\")] {").Or.Contain("BODY[HEADER.FIELDS (SUBJECT MESSAGE-ID)] {"));
        Assert.That(mime, Does.Contain("Subject: =?UTF-8?B?TOG7i2NoIGjhu41wIHThu5UgVG/DoW4=?=").And.Contain("Message-ID: <abc@truong.edu.vn>").And.Not.Contain("From:"));
        Assert.That(mime, Does.Contain("BODY[2]<0> {4}\nJVBE"));

        var binary = string.Join("\n", await dialog.CommandAsync("FETCH 1 (BINARY.SIZE[2] BINARY.PEEK[2])"));
        Assert.That(binary, Does.Contain("BINARY.SIZE[2] 9").And.Contain("BINARY[2] ~{9}\n%PDF-1.4"));

        var seen = string.Join("\n", await dialog.CommandAsync("FETCH 1 (BODY[TEXT]<0.10>)"));
        Assert.That(seen, Does.Contain("FLAGS (\\Seen)"), "a non-PEEK body fetch sets \\Seen and says so");
        Assert.That(await dialog.TaggedAsync("FETCH 1 (BODY[9.9.9])"), Does.Contain("OK"), "a missing part is an empty string");
        Assert.That(await dialog.TaggedAsync("FETCH 1 (BODY[HEADER.FIELDS ()])"), Does.Contain("BAD"));
        Assert.That(await dialog.TaggedAsync("FETCH 1 (FROB)"), Does.Contain("BAD"));

        // The whole message is served from the file without its structure: partials and RFC822 included.
        var head = Encoding.ASCII.GetString(Encoding.UTF8.GetBytes(Multipart), 0, 10);
        Assert.That(string.Join("\n", await dialog.CommandAsync("FETCH 1 (BODY.PEEK[]<0.10>)")), Does.Contain("BODY[]<0> {10}\n" + head));
        var size = Encoding.UTF8.GetByteCount(Multipart);
        Assert.That(string.Join("\n", await dialog.CommandAsync($"FETCH 1 (BODY.PEEK[]<{size - 2}.100>)")), Does.Contain($"BODY[]<{size - 2}> {{2}}"));
        Assert.That(string.Join("\n", await dialog.CommandAsync("FETCH 1 (RFC822)")), Does.Contain($"RFC822 {{{size}}}\n" + head));

        var structure = string.Join("\n", await dialog.CommandAsync("FETCH 1 (ENVELOPE BODYSTRUCTURE)"));
        Assert.That(structure, Does.Contain("ENVELOPE (\"Sun, 29 Nov 2026 08:00:00 +0700\" \"=?UTF-8?B?TOG7i2NoIGjhu41wIHThu5UgVG/DoW4=?=\"")
            .And.Contain("(\"application\" \"pdf\" (\"name\" \"lich.pdf\") NIL NIL \"base64\" 12 NIL (\"attachment\" (\"filename\" \"lich.pdf\"))").IgnoreCase);
    }

    [Test]
    public async Task ChangedSince_ReturnsOnlyMessagesChangedAfterTheModSeq()
    {
        await DeliverAsync("annv", "Một");
        await DeliverAsync("annv", "Hai");
        using var dialog = await DialogAsync();
        await dialog.CommandAsync("ENABLE CONDSTORE");
        var select = string.Join("\n", await dialog.CommandAsync("SELECT INBOX"));
        var highest = System.Text.RegularExpressions.Regex.Match(select, @"HIGHESTMODSEQ (\d+)").Groups[1].Value;
        await dialog.CommandAsync("STORE 2 +FLAGS.SILENT (\\Flagged)");
        var changed = await dialog.CommandAsync($"FETCH 1:* (FLAGS) (CHANGEDSINCE {highest})");
        Assert.That(changed.Count(l => l.StartsWith("* ", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(changed[0], Does.Match(@"^\* 2 FETCH \(FLAGS \(\\Flagged\) MODSEQ \(\d+\)\)$"));
    }

    // A Vietnamese attachment name as mail clients send it: RFC 2231 in one piece on Content-Type, in continuations on
    // Content-Disposition.
    private const string Rfc2231Attachment =
        "From: a@b.c\r\nSubject: t\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"XX\"\r\n\r\n" +
        "--XX\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nhi\r\n" +
        "--XX\r\nContent-Type: application/pdf; name*=utf-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf\r\nContent-Disposition: attachment;\r\n" +
        " filename*0*=utf-8''Bi%C3%AAn%20;\r\n filename*1*=b%E1%BA%A3n.pdf\r\nContent-Transfer-Encoding: base64\r\n\r\nAAAA\r\n--XX--\r\n";

    // Dovecot 2.3 (Debian) for the same message: the header's attributes and values, continuations joined. One known
    // difference stays: the text part "hi" without its own CRLF counts 1 line here and 0 in Dovecot.
    private const string Rfc2231AttachmentAnswer =
        "* 1 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 2 1 NIL NIL NIL NIL)" +
        "(\"application\" \"pdf\" (\"name*\" \"utf-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf\") NIL NIL \"base64\" 4 NIL " +
        "(\"attachment\" (\"filename*\" \"utf-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf\")) NIL NIL) \"mixed\" (\"boundary\" \"XX\") NIL NIL NIL) " +
        "BODY ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"7bit\" 2 1)" +
        "(\"application\" \"pdf\" (\"name*\" \"utf-8''Bi%C3%AAn%20b%E1%BA%A3n.pdf\") NIL NIL \"base64\" 4) \"mixed\"))";

    [Test]
    public async Task Rfc2231Parameters_GoOutAsTheHeaderHasThem_AsDovecotSendsThem()
    {
        await AppendRawAsync(Rfc2231Attachment);
        using var dialog = await DialogAsync();
        await dialog.CommandAsync("SELECT INBOX");
        var lines = await dialog.CommandAsync("FETCH 1 (BODYSTRUCTURE BODY)");
        Assert.That(lines[0], Is.EqualTo(Rfc2231AttachmentAnswer));

        using var client = await ClientAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var summary = (await client.Inbox.FetchAsync(0, -1, MessageSummaryItems.BodyStructure))[0];
        Assert.That(summary.Attachments!.Single().FileName, Is.EqualTo("Biên bản.pdf"), "clients decode RFC 2231 themselves");
    }

    [Test]
    public async Task AnalysesOfAnOlderVersion_AreRedoneAtStart()
    {
        await AppendRawAsync(Rfc2231Attachment);

        // What the previous analyser stored: values decoded, and no version mark.
        var path = Path.Combine(Store.Bodies.Root, "index.db");
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                UPDATE analyses SET version = 1,
                  structure = replace(replace(structure, '"name*":"utf-8\u0027\u0027Bi%C3%AAn%20b%E1%BA%A3n.pdf"', '"name":"Bi\u00EAn b\u1EA3n.pdf"'),
                                      '"filename*":', '"filename":')
                """;
            Assert.That(command.ExecuteNonQuery(), Is.EqualTo(1));
        }

        Assert.That(await Store.UpgradeAnalysesAsync(CancellationToken.None), Is.EqualTo(1));
        Assert.That(await Store.UpgradeAnalysesAsync(CancellationToken.None), Is.EqualTo(0), "once");
        using var dialog = await DialogAsync();
        await dialog.CommandAsync("SELECT INBOX");
        Assert.That((await dialog.CommandAsync("FETCH 1 (BODYSTRUCTURE BODY)"))[0], Is.EqualTo(Rfc2231AttachmentAnswer));
    }

    private async Task AppendRawAsync(string message)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(message));
        await Store.DeliverAsync(stream, [A("annv")], DateTimeOffset.UtcNow, CancellationToken.None);
    }
}
