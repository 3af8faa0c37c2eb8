using System.Net;
using System.Text.RegularExpressions;
using Mail.Tests.Fixtures;
using Mail.WebAdmin.Audit;
using Mail.WebAdmin.Security;

namespace Mail.Tests.WebAdmin;

/// <summary>Behind a TLS-terminating reverse proxy (<c>Mail__Admin__Tls=false</c>) the admin port believes
/// X-Forwarded-For only from the proxies in <c>Mail__Admin__TrustedProxies</c>: then the sign-in throttle, the public
/// endpoints' rate limit and the audit log see each client behind the proxy; from anyone else the header changes
/// nothing, so a client cannot leave its throttle bucket or write another address into the audit log.</summary>
[NonParallelizable]
internal sealed partial class ReverseProxyTests
{
    private const string Domain = "proxy.edu.vn";
    private const string Admin = "postmaster@" + Domain;
    private const string Password = "Xin-chao-2026!";
    private const string ContactList = "/contacts/" + Domain + ".json";

    [Test]
    public async Task BehindATrustedProxy_EachForwardedClient_HasItsOwnBuckets_AndIsTheAuditedAddress()
    {
        await using var appliance = await StartAsync("127.0.0.1");
        using var http = PlainClient();
        const string guesser = "203.0.113.7";
        const string teacher = "198.51.100.20";
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.That(await SignInAsync(appliance, http, guesser, "sai-mat-khau"), Is.EqualTo(HttpStatusCode.OK), $"failure {i + 1} is only refused");
        }

        Assert.That(await SignInAsync(appliance, http, guesser, Password), Is.EqualTo(HttpStatusCode.TooManyRequests), "the guesser is throttled");
        Assert.That(await SignInAsync(appliance, http, teacher, Password), Is.EqualTo(HttpStatusCode.Redirect),
            "another client behind the same proxy signs in");

        var audit = await ReadAuditAsync(appliance);
        Assert.That(audit.Where(e => e.Action == AuditActions.SignInFailed).Select(e => e.Remote),
            Is.EqualTo(Enumerable.Repeat(guesser, LoginThrottle.MaxFailures)));
        Assert.That(audit.Where(e => e.Action == AuditActions.SignIn).Select(e => e.Remote), Is.EqualTo(new[] { teacher }));

        // The public endpoints: one client behind the proxy uses up its bucket, clients that each come once do not.
        var repeated = await GetContactListAsync(appliance, http, _ => "203.0.113.8");
        Assert.That(repeated, Does.Contain(HttpStatusCode.TooManyRequests));
        var distinct = await GetContactListAsync(appliance, http, i => $"198.51.100.{i + 1}");
        Assert.That(distinct, Is.All.EqualTo(HttpStatusCode.OK));
    }

    // Nobody trusted (the default), and proxies elsewhere trusted: ASP.NET's own default of believing loopback must
    // not survive a configured list.
    [TestCase("")]
    [TestCase("10.0.0.0/8, 192.0.2.7, 2001:db8::/32")]
    public async Task FromAClientThatIsNoTrustedProxy_XForwardedFor_IsIgnored(string trustedProxies)
    {
        await using var appliance = await StartAsync(trustedProxies);
        using var http = PlainClient();
        for (var i = 0; i < LoginThrottle.MaxFailures; i++)
        {
            Assert.That(await SignInAsync(appliance, http, $"203.0.113.{i + 1}", "sai-mat-khau"), Is.EqualTo(HttpStatusCode.OK));
        }

        Assert.That(await SignInAsync(appliance, http, "198.51.100.20", Password), Is.EqualTo(HttpStatusCode.TooManyRequests),
            "a new address in the header is still the same client");
        var audit = await ReadAuditAsync(appliance);
        Assert.That(audit.Where(e => e.Action == AuditActions.SignInFailed).Select(e => e.Remote), Is.EqualTo(Enumerable.Repeat("127.0.0.1", LoginThrottle.MaxFailures)),
            "the audit log has the connection's address, not the claimed ones");

        var claimed = await GetContactListAsync(appliance, http, i => $"198.51.100.{i + 1}");
        Assert.That(claimed, Does.Contain(HttpStatusCode.TooManyRequests), "claiming another address each time does not refill the bucket");
    }

    [Test]
    public async Task WhenTheTrustedProxySaysPlainHttp_PagesGoToHttps_FormsAreRefused_PublicEndpointsAnswer()
    {
        await using var appliance = await StartAsync("127.0.0.1");
        using var http = PlainClient();
        using (var page = Forwarded(HttpMethod.Get, appliance.Url("/Accounts?q=an"), "198.51.100.20", "http"))
        {
            page.Headers.Host = "mail.proxy.edu.vn";
            using var answer = await http.SendAsync(page);
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.PermanentRedirect).Or.EqualTo(HttpStatusCode.MovedPermanently));
            Assert.That(answer.Headers.Location?.ToString(), Is.EqualTo("https://mail.proxy.edu.vn/Accounts?q=an"));
        }

        using (var post = Forwarded(HttpMethod.Post, appliance.Url("/Login"), "198.51.100.20", "http"))
        {
            post.Content = new FormUrlEncodedContent([new("Login", Admin), new("Password", Password)]);
            using var answer = await http.SendAsync(post);
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), "a form is not taken over plain HTTP (it was a 500)");
        }

        using (var contacts = Forwarded(HttpMethod.Get, appliance.Url(ContactList), "198.51.100.20", "http"))
        {
            using var answer = await http.SendAsync(contacts);
            Assert.That(answer.StatusCode, Is.EqualTo(HttpStatusCode.OK), "the public endpoints answer over plain HTTP");
        }

        Assert.That(await SignInAsync(appliance, http, "198.51.100.21", Password), Is.EqualTo(HttpStatusCode.Redirect), "over HTTPS all works");
    }

    [Test]
    public void ATrustedProxyThatIsNoAddress_StopsTheStart_WithTheSettingNamed()
    {
        var options = new Mail.Server.Hosting.ApplianceOptions();
        options.Admin.TrustedProxies = "10.0.0.5, proxy.example";
        Assert.That(options.Validate(), Is.EqualTo("Mail:Admin:TrustedProxies: 'proxy.example' is not an IP address or a network such as 10.0.0.0/8"));
        options.Admin.TrustedProxies = " 10.0.0.5 , 192.168.0.0/16,::1 ";
        Assert.That(options.Validate(), Is.Null);
        Assert.That(options.Admin.TrustedProxyNetworks().Select(n => n.ToString()), Is.EqualTo(new[] { "10.0.0.5/32", "192.168.0.0/16", "::1/128" }));
    }

    private static async Task<PublicAppliance> StartAsync(string trustedProxies)
    {
        var environment = new Dictionary<string, string> { ["Mail__Admin__Tls"] = "false" };
        if (trustedProxies.Length > 0)
        {
            environment["Mail__Admin__TrustedProxies"] = trustedProxies;
        }

        return await PublicAppliance.StartAsync("reverse-proxy", Domain, environment, _ => Task.CompletedTask);
    }

    // The admin's cookies are Secure even over plain HTTP (the browser talks HTTPS to the proxy), which a cookie
    // container would not send back to an http URL: the test carries the antiforgery cookie itself.
    private static HttpClient PlainClient() => new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }, disposeHandler: true);

    /// <summary>Fetches the sign-in form and posts it as the proxy would pass on a request from
    /// <paramref name="forwardedFor"/>; returns the answer's status (302 signed in, 200 refused, 429 throttled).</summary>
    private static async Task<HttpStatusCode> SignInAsync(PublicAppliance appliance, HttpClient http, string forwardedFor, string password)
    {
        using var get = Forwarded(HttpMethod.Get, appliance.Url("/Login"), forwardedFor);
        using var form = await http.SendAsync(get);
        Assert.That(form.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var cookie = form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
            .Single(c => c.StartsWith(AdminSession.AntiforgeryCookieName + "=", StringComparison.Ordinal));
        var token = AntiforgeryField().Match(await form.Content.ReadAsStringAsync()).Groups[1].Value;

        using var post = Forwarded(HttpMethod.Post, appliance.Url("/Login"), forwardedFor);
        post.Headers.Add("Cookie", cookie);
        post.Content = new FormUrlEncodedContent([new("Login", Admin), new("Password", password), new("__RequestVerificationToken", token)]);
        using var answer = await http.SendAsync(post);
        return answer.StatusCode;
    }

    /// <summary>Asks for the public contact list 90 times (its bucket holds 60), the i-th time for
    /// <paramref name="forwardedFor"/>(i).</summary>
    private static async Task<List<HttpStatusCode>> GetContactListAsync(PublicAppliance appliance, HttpClient http, Func<int, string> forwardedFor)
    {
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 90; i++)
        {
            using var request = Forwarded(HttpMethod.Get, appliance.Url(ContactList), forwardedFor(i));
            using var response = await http.SendAsync(request);
            statuses.Add(response.StatusCode);
        }

        return statuses;
    }

    private static HttpRequestMessage Forwarded(HttpMethod method, Uri url, string forwardedFor, string proto = "https")
    {
        var request = new HttpRequestMessage(method, url);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        request.Headers.Add("X-Forwarded-Proto", proto);
        return request;
    }

    private static async Task<IReadOnlyList<AuditEntry>> ReadAuditAsync(PublicAppliance appliance) =>
        (await new AuditLog(Path.Combine(appliance.Cli.DataDirectory, "web")).ReadAsync(null, 0, 100, CancellationToken.None)).Entries;

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
