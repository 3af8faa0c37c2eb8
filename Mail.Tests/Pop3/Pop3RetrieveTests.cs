using System.Text;

namespace Mail.Tests.Pop3;

/// <summary>The TRANSACTION state's reading commands: STAT, LIST, RETR, TOP, UIDL, NOOP, byte for byte against the store.</summary>
internal sealed class Pop3RetrieveTests : Pop3TestBase
{
    [Test]
    public async Task StatAndList_GiveTheExactStoredSizes()
    {
        await DeliverAsync(VietnameseMessage, A("annv"));
        await DeliverAsync(Simple("hai"), A("annv"));
        var sizes = new[] { (await StoredBytesAsync(1)).Length, (await StoredBytesAsync(2)).Length };
        Assert.That(sizes[0], Is.GreaterThan(VietnameseMessage.Length), "UTF-8 octets, not characters");

        await using var pop3 = await RawLoggedInAsync();
        Assert.That(await pop3.CommandAsync("STAT"), Is.EqualTo($"+OK 2 {sizes[0] + sizes[1]}"));
        var (first, lines) = await pop3.MultiLineAsync("LIST");
        Assert.That(first, Is.EqualTo($"+OK 2 messages ({sizes[0] + sizes[1]} octets)"));
        Assert.That(lines, Is.EqualTo(new[] { $"1 {sizes[0]}", $"2 {sizes[1]}" }));
        Assert.That(await pop3.CommandAsync("LIST 2"), Is.EqualTo($"+OK 2 {sizes[1]}"));
        Assert.That(await pop3.CommandAsync("LIST 3"), Does.StartWith("-ERR no such message"));
        Assert.That(await pop3.CommandAsync("LIST 0"), Does.StartWith("-ERR"));
        Assert.That(await pop3.CommandAsync("LIST x"), Does.StartWith("-ERR"));
    }

    [Test]
    public async Task Retr_SendsTheStoredBytes_DotStuffed()
    {
        await DeliverAsync(VietnameseMessage, A("annv"));
        var stored = await StoredBytesAsync(1);

        await using var pop3 = await RawLoggedInAsync();
        await pop3.SendAsync("RETR 1\r\n");
        Assert.That(await pop3.ReadLineAsync(), Is.EqualTo($"+OK {stored.Length} octets"));
        var wire = new List<string>();
        while (await pop3.ReadLineAsync() is { } line && line != ".")
        {
            wire.Add(line);
        }

        Assert.That(wire, Does.Contain("..Dòng này bắt đầu bằng dấu chấm.").And.Contain("..").And.Contain("...hai chấm"), "byte-stuffed on the wire");
        var (_, message) = await pop3.RetrieveAsync("RETR 1");
        Assert.That(message, Is.EqualTo(stored));
        Assert.That(Encoding.UTF8.GetString(message), Is.EqualTo(VietnameseMessage));
    }

    [Test]
    public async Task MailKit_GetStream_IsTheStoredFile_AndTheMessageParses()
    {
        await DeliverAsync(VietnameseMessage, A("annv"));
        using var client = await LoggedInAsync(A("annv"));
        using var stream = await client.GetStreamAsync(0);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(await StoredBytesAsync(1)));

        var message = await client.GetMessageAsync(0);
        Assert.That(message.Subject, Is.EqualTo("Họp tổ Toán"));
        Assert.That(message.TextBody?.ReplaceLineEndings("\n"), Does.Contain("\n.Dòng này bắt đầu bằng dấu chấm.\n.\n..hai chấm\n"));
        Assert.That((await client.GetMessageSizesAsync())[0], Is.EqualTo(copy.Length));
    }

    [Test]
    public async Task Retr_OfALargeMessage_CrossesEveryChunkIntact()
    {
        // Lines of dots of every phase around the 64 KiB chunks the server reads in.
        var text = new StringBuilder("Subject: lớn\r\n\r\n");
        for (var i = 0; text.Length < 600_000; i++)
        {
            text.Append(i % 7 == 0 ? "." : string.Empty).Append(new string('x', i % 131)).Append("\r\n");
        }

        await DeliverAsync(text.ToString(), A("annv"));
        using var client = await LoggedInAsync(A("annv"));
        using var stream = await client.GetStreamAsync(0);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        Assert.That(copy.ToArray(), Is.EqualTo(await StoredBytesAsync(1)));
    }

    [Test]
    public async Task Top_SendsTheHeaderTheBlankLineAndNBodyLines()
    {
        await DeliverAsync(VietnameseMessage, A("annv"));
        var stored = Encoding.UTF8.GetString(await StoredBytesAsync(1));
        var header = stored[..(stored.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)];
        var bodyLines = stored[header.Length..].Split("\r\n");

        await using var pop3 = await RawLoggedInAsync();
        var (first, none) = await pop3.RetrieveAsync("TOP 1 0");
        Assert.That(first, Does.StartWith("+OK"));
        Assert.That(Encoding.UTF8.GetString(none), Is.EqualTo(header));

        var (_, three) = await pop3.RetrieveAsync("TOP 1 3");
        Assert.That(Encoding.UTF8.GetString(three), Is.EqualTo(header + string.Join("\r\n", bodyLines[..3]) + "\r\n"));

        var (_, all) = await pop3.RetrieveAsync("TOP 1 1000");
        Assert.That(Encoding.UTF8.GetString(all), Is.EqualTo(stored));

        Assert.That(await pop3.CommandAsync("TOP 1"), Does.StartWith("-ERR"));
        Assert.That(await pop3.CommandAsync("TOP 1 -1"), Does.StartWith("-ERR"));
        Assert.That(await pop3.CommandAsync("TOP 2 0"), Does.StartWith("-ERR no such message"));
    }

    [Test]
    public async Task MailKit_GetMessageHeaders_UsesTop()
    {
        await DeliverAsync(VietnameseMessage, A("annv"));
        using var client = await LoggedInAsync(A("annv"));
        var headers = await client.GetMessageHeadersAsync(0);
        Assert.That(headers["Subject"], Is.EqualTo("Họp tổ Toán"));
        Assert.That(headers["MIME-Version"], Is.EqualTo("1.0"));
    }

    [Test]
    public async Task Uidl_IsUniqueAndStableAcrossSessions_AndNewMailKeepsTheOldIds()
    {
        await DeliverAsync(Simple("một"), A("annv"));
        await DeliverAsync(Simple("hai"), A("annv"));
        List<string> before;
        await using (var pop3 = await RawLoggedInAsync())
        {
            (_, before) = await pop3.MultiLineAsync("UIDL");
            Assert.That(await pop3.CommandAsync("UIDL 2"), Is.EqualTo("+OK " + before[1]));
            await pop3.CommandAsync("QUIT");
        }

        Assert.That(before.Select(l => l.Split(' ')[1]), Is.Unique);
        Assert.That(before.Select(l => l.Split(' ')[1]), Has.All.Match("^[\\x21-\\x7E]{1,70}$"), "RFC 1939 unique-id characters");

        await DeliverAsync(Simple("ba"), A("annv"));
        using var client = await LoggedInAsync(A("annv"));
        var after = await client.GetMessageUidsAsync();
        Assert.That(after.Take(2), Is.EqualTo(before.Select(l => l.Split(' ')[1])));
        Assert.That(after, Has.Count.EqualTo(3).And.Unique);
    }

    [Test]
    public async Task TheMaildropIsFixedAtLogin_NewMailShowsAtTheNextLogin()
    {
        await DeliverAsync(Simple("một"), A("annv"));
        await using var pop3 = await RawLoggedInAsync();
        await DeliverAsync(Simple("hai"), A("annv"));
        Assert.That(await pop3.CommandAsync("STAT"), Does.StartWith("+OK 1 "));
        Assert.That(await pop3.CommandAsync("NOOP"), Is.EqualTo("+OK"));
        Assert.That(await pop3.CommandAsync("STAT"), Does.StartWith("+OK 1 "));

        await using var later = await RawLoggedInAsync();
        Assert.That(await later.CommandAsync("STAT"), Does.StartWith("+OK 2 "));
    }

    [Test]
    public async Task Pipelining_AnswersEveryCommandInOrder()
    {
        await DeliverAsync(Simple("một"), A("annv"));
        await using var pop3 = await RawLoggedInAsync();
        await pop3.SendAsync("STAT\r\nLIST 1\r\nUIDL 1\r\nNOOP\r\nLIST 9\r\n");
        var replies = new List<string?>();
        for (var i = 0; i < 5; i++)
        {
            replies.Add(await pop3.ReadLineAsync());
        }

        Assert.That(replies[0], Does.StartWith("+OK 1 "));
        Assert.That(replies[1], Does.StartWith("+OK 1 "));
        Assert.That(replies[2], Does.StartWith("+OK 1 "));
        Assert.That(replies[3], Is.EqualTo("+OK"));
        Assert.That(replies[4], Does.StartWith("-ERR"));
    }
}
