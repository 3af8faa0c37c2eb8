using System.Diagnostics;
using System.Globalization;
using System.Text;
using MailKit;
using MailKit.Search;
using Mail.Server.Imap.Sorting;
using Mail.Server.Store;

namespace Mail.Tests.Imap;

/// <summary>SORT, UID SORT (RFC 5256, with DISPLAYFROM/DISPLAYTO of RFC 5957), THREAD and UID THREAD (ORDEREDSUBJECT,
/// REFERENCES) over a real server, raw and through MailKit. The two corpora below were also APPENDed to Dovecot 2.3.19.1
/// (/work/shared/tools/reference-servers.sh, python imaplib) and every expected SORT and THREAD line here is the line
/// Dovecot answered for the same messages, except where a comment says otherwise.</summary>
internal sealed class ImapSortThreadTests : ImapTestBase
{
    private const string Plan = "Kế hoạch thi học kỳ";

    [Test]
    public async Task Sort_ByEachCriterionAndReverse_MatchesDovecot()
    {
        await DeliverSortCorpusAsync("annv");
        using var dialog = await DialogAsync();
        await dialog.CommandAsync("SELECT INBOX");

        // Identical dates and arrivals (1 and 5) stay in sequence order even under REVERSE (RFC 5256: REVERSE does not
        // reverse the implicit sequence-number criterion). SUBJECT: "Re: Fwd: Lịch họp tháng 12" and
        // "lịch họp tháng 12 (fwd)" share a base subject; "Fwd: [Fwd: Apple]" is "Apple"; "[Phòng GD] Re: Zebra" is
        // "Zebra"; the Q/B-encoded NFD "Báo cáo năm học" decodes and composes. DATE: message 4 has no Date header and
        // sorts by its INTERNALDATE. DISPLAYFROM: a display name, else the address ("an@sgd.example").
        var expected = new Dictionary<string, string>
        {
            ["ARRIVAL"] = "4 2 3 1 5",
            ["REVERSE ARRIVAL"] = "1 5 3 2 4",
            ["CC"] = "2 4 5 3 1",
            ["DATE"] = "4 2 1 5 3",
            ["REVERSE DATE"] = "3 1 5 2 4",
            ["FROM"] = "5 2 1 3 4",
            ["SIZE"] = "5 2 3 1 4",
            ["REVERSE SIZE"] = "4 1 3 2 5",
            ["SUBJECT"] = "5 2 1 4 3",
            ["REVERSE SUBJECT"] = "3 1 4 2 5",
            ["TO"] = "4 2 3 5 1",
            ["DISPLAYFROM"] = "2 4 1 5 3",
            ["DISPLAYTO"] = "4 2 3 5 1",
            ["REVERSE DISPLAYFROM"] = "3 5 1 4 2",
            ["SUBJECT REVERSE SIZE"] = "5 2 4 1 3",
        };

        foreach (var (criteria, order) in expected)
        {
            var lines = await dialog.CommandAsync($"SORT ({criteria}) UTF-8 ALL");
            Assert.That(lines, Has.Count.EqualTo(2), criteria);
            Assert.That(lines[0], Is.EqualTo("* SORT " + order), criteria);
            Assert.That(lines[^1], Does.EndWith("OK SORT completed"), criteria);
        }

        Assert.That((await dialog.CommandAsync("SORT (ARRIVAL) us-ascii SUBJECT \"lịch\""))[0], Is.EqualTo("* SORT 4 1"));

        // 1 ("Re: Fwd:") and 4 ("(fwd)" trailer) share a base subject and are both replies, so REFERENCES puts them under
        // a new dummy; ORDEREDSUBJECT under 4, whose missing Date falls back to its early INTERNALDATE.
        Assert.That((await dialog.CommandAsync("THREAD ORDEREDSUBJECT UTF-8 ALL"))[0], Is.EqualTo("* THREAD (4 1)(2)(5)(3)"));
        Assert.That((await dialog.CommandAsync("THREAD REFERENCES UTF-8 ALL"))[0], Is.EqualTo("* THREAD ((4)(1))(2)(5)(3)"));
        Assert.That((await dialog.CommandAsync("SORT (DATE) UTF-8 SUBJECT nothing"))[0], Is.EqualTo("* SORT"));

        // Dovecot accepts any charset here; this server supports the two every search string is read as.
        Assert.That(await dialog.TaggedAsync("SORT (DATE) KOI8-R ALL"), Does.Contain("NO [BADCHARSET (UTF-8 US-ASCII)]"));
        Assert.That(await dialog.TaggedAsync("SORT (FOO) UTF-8 ALL"), Does.Contain(" BAD "));
        Assert.That(await dialog.TaggedAsync("SORT (REVERSE) UTF-8 ALL"), Does.Contain(" BAD "));
        Assert.That(await dialog.TaggedAsync("SORT (REVERSE REVERSE DATE) UTF-8 ALL"), Does.Contain(" BAD "));
        Assert.That(await dialog.TaggedAsync("SORT () UTF-8 ALL"), Does.Contain(" BAD "));
        Assert.That(await dialog.TaggedAsync("SORT DATE UTF-8 ALL"), Does.Contain(" BAD "));
        Assert.That(await dialog.TaggedAsync("SORT (DATE) UTF-8"), Does.Contain(" BAD "));
    }

    [Test]
    public async Task UidSort_AnswersUids_AndSortIsAdvertised()
    {
        // A first message expunged again, so every UID is its sequence number plus one.
        await DeliverAsync("annv", "bỏ đi");
        await DeliverSortCorpusAsync("annv");
        using var dialog = await DialogAsync();
        Assert.That(string.Join('\n', await dialog.CommandAsync("CAPABILITY")),
            Does.Contain(" SORT SORT=DISPLAY THREAD=ORDEREDSUBJECT THREAD=REFERENCES"));
        await dialog.CommandAsync("SELECT INBOX");
        await dialog.CommandAsync("STORE 1 +FLAGS.SILENT (\\Deleted)");
        await dialog.CommandAsync("EXPUNGE");

        Assert.That((await dialog.CommandAsync("SORT (SUBJECT) UTF-8 ALL"))[0], Is.EqualTo("* SORT 5 2 1 4 3"));
        var uidSort = await dialog.CommandAsync("UID SORT (SUBJECT) UTF-8 ALL");
        Assert.That(uidSort[0], Is.EqualTo("* SORT 6 3 2 5 4"));
        Assert.That(uidSort[^1], Does.EndWith("OK UID SORT completed"));
        // UIDs 3:5 are messages 2 to 4: by sent date descending 3, 2, 4.
        Assert.That((await dialog.CommandAsync("UID SORT (REVERSE DATE) UTF-8 UID 3:5"))[0], Is.EqualTo("* SORT 4 3 5"));
    }

    [Test]
    public async Task MailKitSort_AgreesWithTheRawSort()
    {
        await DeliverSortCorpusAsync("annv");
        using var client = await ClientAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        using var dialog = await DialogAsync();
        await dialog.CommandAsync("SELECT INBOX");

        var cases = new (OrderBy[] Order, string Raw)[]
        {
            ([OrderBy.Subject], "SUBJECT"),
            ([OrderBy.ReverseDate], "REVERSE DATE"),
            ([OrderBy.DisplayFrom], "DISPLAYFROM"),
            ([OrderBy.ReverseDisplayTo], "REVERSE DISPLAYTO"),
            ([OrderBy.Subject, OrderBy.ReverseSize], "SUBJECT REVERSE SIZE"),
            ([OrderBy.From, OrderBy.Arrival], "FROM ARRIVAL"),
        };

        foreach (var (order, raw) in cases)
        {
            var byMailKit = await client.Inbox.SortAsync(SearchQuery.All, order);
            var rawLine = (await dialog.CommandAsync($"UID SORT ({raw}) UTF-8 ALL"))[0];
            Assert.That("* SORT " + string.Join(' ', byMailKit.Select(uid => uid.Id)), Is.EqualTo(rawLine), raw);
        }

        var subjectsBySubject = await client.Inbox.SortAsync(SearchQuery.SubjectContains("lịch"), [OrderBy.Subject]);
        Assert.That(subjectsBySubject.Select(uid => uid.Id), Is.EqualTo(new uint[] { 1, 4 }));
    }

    [Test]
    public async Task Thread_ReferencesAndOrderedSubject_MatchDovecot()
    {
        await DeliverThreadCorpusAsync("annv");
        using var dialog = await DialogAsync();
        await dialog.CommandAsync("SELECT INBOX");

        // REFERENCES: 2 and 4 answer 1 (References, In-Reply-To only); 3 answers 2; 10 has no Message-ID and answers 3
        // by In-Reply-To; 5 and 6 answer a message that is not here, so their dummy parent stays as "((5)(6))"; 8 is
        // "Re: Lịch trực" without any reference and joins 7 by subject; 9 reuses 1's Message-ID and stands alone; 11
        // and 12 reference each other, and the loop is refused.
        var references = await dialog.CommandAsync("THREAD REFERENCES UTF-8 ALL");
        Assert.That(references[0], Is.EqualTo("* THREAD (1 (2 3 10)(4))((5)(6))(7 8)(9)(12 11)"));
        Assert.That(references[^1], Does.EndWith("OK THREAD completed"));

        // ORDEREDSUBJECT: one thread per base subject, flat under its earliest message, threads by that message's date.
        Assert.That((await dialog.CommandAsync("THREAD ORDEREDSUBJECT UTF-8 ALL"))[0],
            Is.EqualTo("* THREAD (1 (2)(4)(3)(10))(5 6)(7 8)(9)(11 12)"));

        // Without 1, 3 and 9 the missing root keeps 2 and 4 under a dummy, and 10 (whose parent 3 is not searched)
        // joins them by subject as a reply.
        Assert.That((await dialog.CommandAsync("THREAD REFERENCES UTF-8 NOT FROM a@x.example"))[0],
            Is.EqualTo("* THREAD ((2)(4)(10))((5)(6))(7 8)(12 11)"));

        Assert.That((await dialog.CommandAsync("THREAD REFERENCES UTF-8 SUBJECT nothing"))[0], Is.EqualTo("* THREAD"));
        Assert.That(await dialog.TaggedAsync("THREAD REFERENCES KOI8-R ALL"), Does.Contain("NO [BADCHARSET (UTF-8 US-ASCII)]"));
        Assert.That(await dialog.TaggedAsync("THREAD REFS UTF-8 ALL"), Does.Contain(" BAD "));
        Assert.That(await dialog.TaggedAsync("THREAD REFERENCES UTF-8"), Does.Contain(" BAD "));
    }

    [Test]
    public async Task UidThread_AnswersUids_AndMailKitAgrees()
    {
        await DeliverAsync("annv", "bỏ đi");
        await DeliverThreadCorpusAsync("annv");
        using var dialog = await DialogAsync();
        await dialog.CommandAsync("SELECT INBOX");
        await dialog.CommandAsync("STORE 1 +FLAGS.SILENT (\\Deleted)");
        await dialog.CommandAsync("EXPUNGE");

        var uidThread = await dialog.CommandAsync("UID THREAD REFERENCES UTF-8 ALL");
        Assert.That(uidThread[0], Is.EqualTo("* THREAD (2 (3 4 11)(5))((6)(7))(8 9)(10)(13 12)"));
        Assert.That(uidThread[^1], Does.EndWith("OK UID THREAD completed"));
        Assert.That((await dialog.CommandAsync("UID THREAD ORDEREDSUBJECT UTF-8 ALL"))[0],
            Is.EqualTo("* THREAD (2 (3)(5)(4)(11))(6 7)(8 9)(10)(12 13)"));

        using var client = await ClientAsync();
        await client.Inbox.OpenAsync(FolderAccess.ReadOnly);
        var byReferences = await client.Inbox.ThreadAsync(ThreadingAlgorithm.References, SearchQuery.All);
        Assert.That("* THREAD " + string.Concat(byReferences.Select(thread => "(" + Written(thread) + ")")), Is.EqualTo(uidThread[0]));
        var bySubject = await client.Inbox.ThreadAsync(ThreadingAlgorithm.OrderedSubject, SearchQuery.All);
        Assert.That(string.Concat(bySubject.Select(thread => "(" + Written(thread) + ")")), Is.EqualTo("(2 (3)(5)(4)(11))(6 7)(8 9)(10)(12 13)"));
    }

    [Test]
    public void BaseSubject_FollowsRfc5256Extraction()
    {
        var cases = new (string? Raw, string Base, bool Reply)[]
        {
            (null, string.Empty, false),
            ("Re: Fwd: Lịch họp", "Lịch họp", true),
            ("RE:re:  FW: fwd[3]: x", "x", true),
            ("Re [2]: x", "x", true),
            ("[Phòng GD] [tin] Re: x", "x", true),
            ("[Phòng GD] x", "x", false),
            ("[only a blob]", "[only a blob]", false),
            ("[blob]  ", "[blob]", false),
            ("x (fwd) (FWD)  ", "x", true),
            ("[fwd: Re: x]", "x", true),
            ("Fwd: [Fwd: [list] x (fwd)]", "x", true),
            ("Rex: x", "Rex: x", false),
            ("  a \t  b  ", "a b", false),
            ("=?UTF-8?Q?Re=3A_L=E1=BB=8Bch?= =?UTF-8?B?IGjhu41w?=", "Lịch họp", true),
            ("Ho\u0323p", "Họp", false),
        };

        using (Assert.EnterMultipleScope())
        {
            foreach (var (raw, text, reply) in cases)
            {
                Assert.That(BaseSubject.Extract(raw), Is.EqualTo(new BaseSubject(text, reply)), raw ?? "(none)");
            }
        }
    }

    [Test]
    public void BaseSubject_OfAHostileSubject_TakesLinearTime()
    {
        var prefixes = string.Concat(Enumerable.Repeat("Re: [x] ", 50_000));
        var blobs = string.Concat(Enumerable.Repeat("[a]", 100_000));
        var wrapped = string.Concat(Enumerable.Repeat("[fwd: ", 20_000)) + "x" + new string(']', 20_000);

        var clock = Stopwatch.StartNew();
        Assert.That(BaseSubject.Extract(prefixes + "x (fwd)"), Is.EqualTo(new BaseSubject("x", true)));
        Assert.That(BaseSubject.Extract(blobs + "x"), Is.EqualTo(new BaseSubject("x", false)));
        Assert.That(BaseSubject.Extract(blobs), Is.EqualTo(new BaseSubject("[a]", false)));
        Assert.That(BaseSubject.Extract(wrapped), Is.EqualTo(new BaseSubject("x", true)));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(2)));
    }

    [Test]
    public void References_OnAChainTwentyThousandDeep_NeitherRecursesNorGoesQuadratic()
    {
        const int depth = 20_000;
        var messages = new List<MessageFacts>(depth);
        for (var i = 1; i <= depth; i++)
        {
            // Each reply lists only its parent, as a client with a truncated References header would.
            messages.Add(Facts(i, $"m{i}@chain", i == 1 ? [] : [$"m{i - 1}@chain"]));
        }

        var clock = Stopwatch.StartNew();
        var threads = ReferencesThreading.Build(messages);
        var text = ThreadFormatter.Format(threads, uids: false);
        Assert.That(text, Is.EqualTo("THREAD (" + string.Join(' ', Enumerable.Range(1, depth)) + ")"));
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(5)));
    }

    private static MessageFacts Facts(int sequence, string messageId, IReadOnlyList<string> references) => new()
    {
        Uid = sequence,
        Sequence = sequence,
        InternalDate = 0,
        Size = 0,
        SentDate = sequence,
        Envelope = new CachedEnvelope(null, "Re: chain", [], [], [], [], [], [], null, "<" + messageId + ">"),
        Subject = BaseSubject.Extract("Re: chain"),
        MessageId = messageId,
        References = references,
    };

    // A MailKit thread in the RFC 5256 response syntax, to compare with the raw line.
    private static string Written(MessageThread thread)
    {
        var text = new StringBuilder();
        if (thread.UniqueId is { } uid)
        {
            text.Append(uid.Id.ToString(CultureInfo.InvariantCulture));
        }

        if (thread.Children.Count == 1 && thread.UniqueId is not null)
        {
            return text.Append(' ').Append(Written(thread.Children[0])).ToString();
        }

        if (thread.Children.Count > 0 && thread.UniqueId is not null)
        {
            text.Append(' ');
        }

        foreach (var child in thread.Children)
        {
            text.Append('(').Append(Written(child)).Append(')');
        }

        return text.ToString();
    }

    private async Task DeliverSortCorpusAsync(string local)
    {
        var encodedNfd = "=?UTF-8?B?" + Convert.ToBase64String(Encoding.UTF8.GetBytes("Báo cáo năm học".Normalize(NormalizationForm.FormD))) + "?=";
        await DeliverRawAsync(local, "2026-11-25T00:00", Raw("Re: Fwd: Lịch họp tháng 12", "Mon, 30 Nov 2026 09:00:00 +0700",
            "\"Trần Thị Bình\" <binhtt@sgd.example>", "\"Zed\" <zed@school.example>", "carol@x.example", "<s1@sgd.example>", body: new string('a', 3000)));
        await DeliverRawAsync(local, "2026-11-21T00:00", Raw(encodedNfd, "Sun, 29 Nov 2026 08:00:00 +0700",
            "an@sgd.example", "alpha@school.example", null, "<s2@sgd.example>", body: new string('b', 1000)));
        await DeliverRawAsync(local, "2026-11-23T00:00", Raw("[Phòng GD] Re: Zebra", "Tue, 01 Dec 2026 10:00:00 +0000",
            "\"Đỗ Minh\" <minh@sgd.example>", "\"Anh\" <anh@school.example>", "\"Bob\" <bob@x.example>", "<s3@sgd.example>", body: new string('c', 2000)));
        await DeliverRawAsync(local, "2026-11-18T12:00", Raw("lịch họp tháng 12 (fwd)", null,
            "\"apple\" <zz@sgd.example>", null, null, "<s4@sgd.example>", body: new string('d', 4000)));
        await DeliverRawAsync(local, "2026-11-25T00:00", Raw("Fwd: [Fwd: Apple]", "Mon, 30 Nov 2026 02:00:00 +0000",
            "\"Zoë\" <Able@sgd.example>", "\"béta\" <beta@school.example>", null, "<s5@sgd.example>", body: new string('e', 500)));
    }

    private async Task DeliverThreadCorpusAsync(string local)
    {
        (string Subject, string Date, string From, string? MessageId, string? InReplyTo, string? References)[] corpus =
        [
            (Plan, "Tue, 01 Dec 2026 08:00:00 +0700", "a@x.example", "<root@x.example>", null, null),
            ("Re: " + Plan, "Tue, 01 Dec 2026 09:00:00 +0700", "b@x.example", "<r1@x.example>", "<root@x.example>", "<root@x.example>"),
            ("Re: Re: " + Plan, "Tue, 01 Dec 2026 10:00:00 +0700", "a@x.example", "<r2@x.example>", null, "<root@x.example> <r1@x.example>"),
            ("Re: " + Plan, "Tue, 01 Dec 2026 09:30:00 +0700", "c@x.example", "<r3@x.example>", "<root@x.example>", null),
            ("Re: Họp phụ huynh", "Wed, 02 Dec 2026 08:00:00 +0700", "d@x.example", "<orphan@x.example>", null, "<missing@x.example>"),
            ("Re: Họp phụ huynh", "Wed, 02 Dec 2026 09:00:00 +0700", "e@x.example", "<orphan2@x.example>", null, "<missing@x.example>"),
            ("Lịch trực", "Thu, 03 Dec 2026 08:00:00 +0700", "f@x.example", "<subj@x.example>", null, null),
            ("Re: Lịch trực", "Thu, 03 Dec 2026 09:00:00 +0700", "g@x.example", "<subj2@x.example>", null, null),
            (Plan + " (bản sửa)", "Fri, 04 Dec 2026 08:00:00 +0700", "a@x.example", "<root@x.example>", null, null),
            ("Re: " + Plan, "Tue, 01 Dec 2026 11:00:00 +0700", "h@x.example", null, "<r2@x.example>", null),
            ("Vòng lặp", "Sat, 05 Dec 2026 08:00:00 +0700", "i@x.example", "<loopA@x.example>", null, "<loopB@x.example>"),
            ("Re: Vòng lặp", "Sat, 05 Dec 2026 09:00:00 +0700", "j@x.example", "<loopB@x.example>", null, "<loopA@x.example>"),
        ];

        foreach (var (subject, date, from, messageId, inReplyTo, references) in corpus)
        {
            await DeliverRawAsync(local, "2026-11-27T00:00", Raw(subject, date, from, null, null, messageId, inReplyTo, references));
        }
    }

    private async Task DeliverRawAsync(string local, string internalDate, string text)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(text));
        var arrival = DateTimeOffset.ParseExact(internalDate, "yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        await Store.DeliverAsync(stream, [A(local)], arrival, None);
    }

    // The same header order as the script that fed Dovecot, so sizes and results are comparable.
    private static string Raw(string? subject, string? date, string? from, string? to, string? cc, string? messageId,
        string? inReplyTo = null, string? references = null, string body = "x")
    {
        var text = new StringBuilder();
        foreach (var (name, value) in new[]
        {
            ("From", from), ("To", to), ("Cc", cc), ("Subject", subject), ("Date", date), ("Message-ID", messageId),
            ("In-Reply-To", inReplyTo), ("References", references),
        })
        {
            if (value is not null)
            {
                text.Append(name).Append(": ").Append(value).Append("\r\n");
            }
        }

        return text.Append("MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n")
            .Append(body).Append("\r\n").ToString();
    }
}
