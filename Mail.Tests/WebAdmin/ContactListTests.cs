using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Mail.Tests.Fixtures;

namespace Mail.Tests.WebAdmin;

/// <summary>The public contact list (Circular Art. 4.2, 8.1, 9.1) served by a real appliance: only entries flagged
/// public, in HTML, JSON and vCard 4.0, and the CLI that flags them.</summary>
[NonParallelizable]
internal sealed class ContactListTests
{
    private const string Domain = "truong.edu.vn";
    private const string Password = "Mat-khau-2026!";
    private const string Hostile = "<script>alert(\"x\")</script> & 'Co', Ltd; \\ cuối";
    private const string LongName = "Tôn Nữ Thị Phương Thảo Hoàng Nguyễn Bảo Ngọc Trâm Anh Minh Châu Khánh Linh";
    private static readonly string Head = "Nguyễn Thị Thu Hà";

    private PublicAppliance _appliance = null!;

    [OneTimeSetUp]
    public async Task StartAsync() =>
        _appliance = await PublicAppliance.StartAsync("contacts", Domain, new Dictionary<string, string>(), async cli =>
        {
            // The head's name is typed decomposed (NFD): the list must show it composed (NFC).
            await Ok(cli, "user", "add", "hieutruong@truong.edu.vn", "--name", Head.Normalize(NormalizationForm.FormD), "--password", Password,
                "--public", "--title", "Hiệu trưởng", "--unit", "Ban Giám hiệu");
            await Ok(cli, "user", "add", "annv@truong.edu.vn", "--name", "Nguyễn Văn An", "--password", Password);
            await Ok(cli, "user", "add", "nghiph@truong.edu.vn", "--name", "Phạm Hồng Nghị", "--password", Password, "--public");
            await Ok(cli, "user", "disable", "nghiph@truong.edu.vn");
            await Ok(cli, "user", "add", "hostile@truong.edu.vn", "--name", Hostile, "--password", Password, "--public",
                "--title", "\"><img src=x onerror=alert(1)>");
            await Ok(cli, "user", "add", "longname@truong.edu.vn", "--name", LongName, "--password", Password, "--public");
            await Ok(cli, "group", "add", "vanthu@truong.edu.vn", "--name", "Văn thư", "--public");
            await Ok(cli, "group", "member", "add", "vanthu@truong.edu.vn", "annv@truong.edu.vn", "secret-member@example.org");
            await Ok(cli, "group", "add", "giaovien@truong.edu.vn", "--name", "Giáo viên");
            await Ok(cli, "domain", "add", "khac.edu.vn");
            await Ok(cli, "user", "add", "hieutruong@khac.edu.vn", "--name", "Lê Văn Khác", "--password", Password, "--public");
        });

    [OneTimeTearDown]
    public async Task StopAsync() => await _appliance.DisposeAsync();

    [Test]
    public async Task Json_ListsOnlyPublicEnabledEntriesOfTheDomain_WithTitleUnitAndNfcNames()
    {
        var (body, response) = await GetAsync("/contacts/truong.edu.vn.json");
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("application/json; charset=utf-8"));
        Assert.That(response.Headers.TryGetValues("Access-Control-Allow-Origin", out var origin) ? origin.Single() : null, Is.EqualTo("*"));
        var text = Encoding.UTF8.GetString(body);
        AssertNothingPrivate(text);
        Assert.That(text, Does.Not.Contain("<script>"), "< and > are escaped in the JSON text");

        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("domain").GetString(), Is.EqualTo(Domain));
        var contacts = json.RootElement.GetProperty("contacts").EnumerateArray().Select(c => (
            Kind: c.GetProperty("kind").GetString(),
            Name: c.GetProperty("name").GetString(),
            Address: c.GetProperty("address").GetString(),
            Title: c.TryGetProperty("title", out var t) ? t.GetString() : null,
            Unit: c.TryGetProperty("unit", out var u) ? u.GetString() : null,
            Keys: c.EnumerateObject().Count())).ToArray();
        Assert.That(contacts, Is.EqualTo(new[]
        {
            ("group", "Văn thư", "vanthu@truong.edu.vn", null, null, 3),
            ("person", Head, "hieutruong@truong.edu.vn", "Hiệu trưởng", "Ban Giám hiệu", 5),
            ("person", Hostile, "hostile@truong.edu.vn", "\"><img src=x onerror=alert(1)>", null, 4),
            ("person", LongName, "longname@truong.edu.vn", null, null, 3),
        }));
        Assert.That(contacts[1].Name!.IsNormalized(NormalizationForm.FormC), Is.True);
    }

    [Test]
    public async Task Html_IsAnAccessibleFragment_WithEveryValueEscaped()
    {
        var (body, response) = await GetAsync("/contacts/truong.edu.vn.html");
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/html; charset=utf-8"));
        Assert.That(response.Headers.GetValues("Content-Security-Policy").Single(), Is.EqualTo("default-src 'none'"));
        var html = Encoding.UTF8.GetString(body);
        AssertNothingPrivate(html);
        Assert.That(html, Does.Not.Contain("<script").And.Not.Contain("<img"), html);
        Assert.That(html, Does.Contain("&lt;script&gt;"));
        Assert.That(html, Does.Contain(Head).And.Contain("Địa chỉ thư điện tử công khai"), "Vietnamese as UTF-8 text in NFC");

        // Well-formed (every value is text, nothing became markup) and structured for screen readers.
        var section = XElement.Parse(html);
        Assert.That(section.Name.LocalName, Is.EqualTo("section"));
        Assert.That(section.Attribute("lang")!.Value, Is.EqualTo("vi"));
        var heading = section.Element("h2")!;
        Assert.That(section.Attribute("aria-labelledby")!.Value, Is.EqualTo(heading.Attribute("id")!.Value));
        var table = section.Element("table")!;
        Assert.That(table.Element("thead")!.Descendants("th").Select(th => th.Attribute("scope")!.Value), Is.All.EqualTo("col"));
        var rows = table.Element("tbody")!.Elements("tr").ToArray();
        Assert.That(rows.Select(r => r.Element("th")!.Value), Is.EqualTo(new[] { "Văn thư", Head, Hostile, LongName }));
        Assert.That(rows.Select(r => r.Element("th")!.Attribute("scope")!.Value), Is.All.EqualTo("row"));
        Assert.That(rows[1].Elements("td").Select(td => td.Value), Is.EqualTo(new[] { "Hiệu trưởng", "Ban Giám hiệu", "hieutruong@truong.edu.vn" }));
        Assert.That(rows[1].Descendants("a").Single().Attribute("href")!.Value, Is.EqualTo("mailto:hieutruong@truong.edu.vn"));
        Assert.That(rows[2].Elements("td").First().Value, Is.EqualTo("\"><img src=x onerror=alert(1)>"));
        Assert.That(section.Descendants().Where(e => e.Name.LocalName is "script" or "img"), Is.Empty);
    }

    [Test]
    public async Task VCard_IsStrictVCard4_FoldedAndEscaped_AndNamesRoundTrip()
    {
        var (body, response) = await GetAsync("/contacts/truong.edu.vn.vcf");
        Assert.That(response.Content.Headers.ContentType!.ToString(), Is.EqualTo("text/vcard; charset=utf-8"));
        AssertNothingPrivate(Encoding.UTF8.GetString(body));
        Assert.That(Encoding.UTF8.GetString(body), Does.Contain("\r\n "), "the long name is folded");

        var cards = StrictVCardReader.Read(body);
        Assert.That(cards.Select(c => Value(c, "FN")), Is.EqualTo(new[] { "Văn thư", Head, Hostile, LongName }));
        Assert.That(cards.Select(c => Value(c, "EMAIL;TYPE=work")),
            Is.EqualTo(new[] { "vanthu@truong.edu.vn", "hieutruong@truong.edu.vn", "hostile@truong.edu.vn", "longname@truong.edu.vn" }));
        Assert.That(cards.Select(c => Value(c, "KIND")), Is.EqualTo(new[] { "group", "individual", "individual", "individual" }));
        Assert.That(Value(cards[1], "TITLE"), Is.EqualTo("Hiệu trưởng"));
        Assert.That(Value(cards[1], "ORG"), Is.EqualTo("Ban Giám hiệu"));
        Assert.That(cards[0].Select(p => p.Name), Has.None.EqualTo("MEMBER"), "a group's members are never published");
    }

    [Test]
    public async Task EachDomainListsOnlyItsOwnEntries()
    {
        var (body, _) = await GetAsync("/contacts/khac.edu.vn.json");
        using var json = JsonDocument.Parse(body);
        Assert.That(json.RootElement.GetProperty("contacts").EnumerateArray().Select(c => c.GetProperty("address").GetString()),
            Is.EqualTo(new[] { "hieutruong@khac.edu.vn" }));
    }

    [TestCase("/contacts/example.org.json", HttpStatusCode.NotFound)]
    [TestCase("/contacts/example.org.html", HttpStatusCode.NotFound)]
    [TestCase("/contacts/example.org.vcf", HttpStatusCode.NotFound)]
    [TestCase("/contacts/edu.vn.json", HttpStatusCode.NotFound)]
    [TestCase("/contacts/truong.edu.vn.xml", HttpStatusCode.NotFound)]
    [TestCase("/contacts/truong.edu.vn", HttpStatusCode.NotFound)]
    [TestCase("/contacts/bad_domain!.json", HttpStatusCode.BadRequest)]
    public async Task UnknownDomainsAndFormats_AreRefused(string path, HttpStatusCode expected)
    {
        using var response = await _appliance.Http.GetAsync(_appliance.Url(path));
        Assert.That(response.StatusCode, Is.EqualTo(expected));
    }

    [Test]
    public async Task Cli_PublishesAndWithdraws_WhileTheApplianceRuns()
    {
        await Ok(_appliance.Cli, "user", "set", "annv@truong.edu.vn", "--public", "--title", "Giáo viên Toán");
        var show = await _appliance.Cli.RunAsync("user", "show", "annv@truong.edu.vn");
        Assert.That(show.StdoutLines, Does.Contain("public: yes").And.Contain("title: Giáo viên Toán").And.Contain("unit: "));
        Assert.That(Encoding.UTF8.GetString((await GetAsync("/contacts/truong.edu.vn.json")).Body), Does.Contain("annv@truong.edu.vn"));

        await Ok(_appliance.Cli, "group", "set", "giaovien@truong.edu.vn", "--public");
        Assert.That(Encoding.UTF8.GetString((await GetAsync("/contacts/truong.edu.vn.vcf")).Body), Does.Contain("giaovien@truong.edu.vn"));

        await Ok(_appliance.Cli, "user", "set", "annv@truong.edu.vn", "--no-public");
        await Ok(_appliance.Cli, "group", "set", "giaovien@truong.edu.vn", "--no-public");
        var after = Encoding.UTF8.GetString((await GetAsync("/contacts/truong.edu.vn.json")).Body);
        Assert.That(after, Does.Not.Contain("annv@").And.Not.Contain("giaovien@"));
    }

    [TestCase("user|set|annv@truong.edu.vn|--public|--no-public", "--public and --no-public contradict each other")]
    [TestCase("user|set|annv@truong.edu.vn", "nothing to change")]
    [TestCase("group|set|vanthu@truong.edu.vn", "nothing to change")]
    [TestCase("group|set|annv@truong.edu.vn|--public", "is an account, not a group")]
    [TestCase("user|set|vanthu@truong.edu.vn|--public", "is a group, not an account")]
    [TestCase("user|set|nobody@truong.edu.vn|--public", "unknown account nobody@truong.edu.vn")]
    [TestCase("user|set|annv@example.org|--public", "unknown domain example.org")]
    [TestCase("user|set|annv@truong.edu.vn|--title|Hiệu\u0007trưởng", "control character")]
    public async Task Cli_BadInput_IsOneLineAndNonZero(string args, string message)
    {
        var result = await _appliance.Cli.RunAsync(args.Split('|'));
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1), result.ToString());
        Assert.That(result.StderrLines[0], Does.StartWith("mailappliance: ").And.Contain(message));
    }

    [Test]
    public async Task Cli_AddWithABadTitle_LeavesNoAccountBehind()
    {
        var result = await _appliance.Cli.RunAsync("user", "add", "moi@truong.edu.vn", "--name", "Người Mới", "--password", Password,
            "--public", "--title", "a\u0001b");
        Assert.That(result.ExitCode, Is.Not.Zero, result.ToString());
        Assert.That(result.StderrLines, Has.Length.EqualTo(1));
        var show = await _appliance.Cli.RunAsync("user", "show", "moi@truong.edu.vn");
        Assert.That(show.Stderr, Does.Contain("unknown account"));
    }

    [Test]
    public async Task AFrozenDirectory_GivesATemporaryFailure_NotAnEmptyList()
    {
        Assert.That(_appliance.SlapdPid, Is.Positive);
        CliRunner.Signal("STOP", _appliance.SlapdPid);
        try
        {
            using var response = await _appliance.Http.GetAsync(_appliance.Url("/contacts/truong.edu.vn.json"));
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
            Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        }
        finally
        {
            CliRunner.Signal("CONT", _appliance.SlapdPid);
        }

        // The appliance reconnects by itself; the next tests need the list back. Polled from 127.0.0.3, so the polls
        // do not use up the other tests' rate-limit bucket.
        using var poller = _appliance.ClientFrom("127.0.0.3");
        Assert.That(await Eventually.TrueAsync(async () =>
        {
            using var response = await poller.GetAsync(_appliance.Url("/contacts/truong.edu.vn.json"));
            return response.StatusCode == HttpStatusCode.OK;
        }, TimeSpan.FromSeconds(30)), Is.True);
    }

    [Test]
    public async Task ManyRequestsFromOneClient_AreRateLimited()
    {
        // From 127.0.0.2, so the other tests' client (127.0.0.1) keeps its own bucket.
        using var http = _appliance.ClientFrom("127.0.0.2");
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 150; i++)
        {
            using var response = await http.GetAsync(_appliance.Url("/contacts/truong.edu.vn.json"));
            statuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                retryAfter ??= response.Headers.RetryAfter?.ToString();
            }
        }

        Assert.That(statuses.Take(60), Is.All.EqualTo(HttpStatusCode.OK), "the first 60 fit in the bucket");
        Assert.That(statuses, Does.Contain(HttpStatusCode.TooManyRequests));
        Assert.That(retryAfter, Is.Not.Null);

        using var other = await _appliance.Http.GetAsync(_appliance.Url("/contacts/truong.edu.vn.json"));
        Assert.That(other.StatusCode, Is.EqualTo(HttpStatusCode.OK), "another client is not limited");
    }

    private static void AssertNothingPrivate(string body)
    {
        foreach (var hidden in new[] { "annv@", "nghiph@", "Phạm Hồng Nghị", "giaovien@", "secret-member", "khac.edu.vn", "Mat-khau", "uid=", "ou=" })
        {
            Assert.That(body, Does.Not.Contain(hidden));
        }
    }

    private static string? Value(List<(string Name, string Value)> card, string name) =>
        card.Where(p => p.Name == name).Select(p => p.Value).SingleOrDefault();

    private static async Task Ok(CliRunner cli, params string[] args)
    {
        var result = await cli.RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
    }

    private async Task<(byte[] Body, HttpResponseMessage Response)> GetAsync(string path)
    {
        var response = await _appliance.Http.GetAsync(_appliance.Url(path));
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), Encoding.UTF8.GetString(body));
        return (body, response);
    }
}
