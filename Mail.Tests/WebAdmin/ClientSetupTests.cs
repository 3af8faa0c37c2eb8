using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using MailKit.Net.Imap;
using MailKit.Net.Pop3;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mail.Tests.Fixtures;

namespace Mail.Tests.WebAdmin;

/// <summary>Client self-configuration served by a real appliance: Thunderbird autoconfig, Outlook autodiscover and the
/// Apple profile; MailKit then connects and logs in with exactly what the autoconfig answer says.</summary>
[NonParallelizable]
internal sealed class ClientSetupTests
{
    private const string Domain = "truong.edu.vn";
    private const string User = "annv@truong.edu.vn";
    private const string Password = "Mat-khau-2026!";
    private const string Hostname = "mail.truong.edu.vn";
    private static readonly XNamespace AutodiscoverEnvelope = "http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006";
    private static readonly XNamespace AutodiscoverOutlook = "http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a";

    private PublicAppliance _appliance = null!;
    private readonly Dictionary<string, int> _ports = [];

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        foreach (var listener in new[] { "Imap", "ImapTls", "Submission", "SubmissionTls", "Pop3Tls" })
        {
            _ports[listener] = FreePort.Next();
        }

        // Pop3 (STARTTLS, 110) stays off: the answers must not mention it.
        var environment = _ports.ToDictionary(p => $"Mail__{p.Key}__Port", p => p.Value.ToString(CultureInfo.InvariantCulture));
        _appliance = await PublicAppliance.StartAsync("client-setup", Domain, environment, async cli =>
        {
            var add = await cli.RunAsync("user", "add", User, "--name", "Nguyễn Văn An", "--password", Password);
            Assert.That(add.ExitCode, Is.Zero, add.ToString());
        });
    }

    [OneTimeTearDown]
    public async Task StopAsync() => await _appliance.DisposeAsync();

    [TestCase("/.well-known/autoconfig/mail/config-v1.1.xml")]
    [TestCase("/mail/config-v1.1.xml")]
    public async Task Autoconfig_DescribesTheListenersThatAreOn_InThunderbirdsFormat(string path)
    {
        var document = await AutoconfigAsync(path + "?emailaddress=" + Uri.EscapeDataString("AnNV@Truong.edu.vn"));

        var provider = document.Root!.Element("emailProvider")!;
        Assert.That(provider.Attribute("id")!.Value, Is.EqualTo(Domain));
        Assert.That(provider.Element("domain")!.Value, Is.EqualTo(Domain));
        Assert.That(Servers(document, "incomingServer"), Is.EqualTo(new[]
        {
            ("imap", _ports["ImapTls"], "SSL"),
            ("imap", _ports["Imap"], "STARTTLS"),
            ("pop3", _ports["Pop3Tls"], "SSL"),
        }), "implicit TLS first, then STARTTLS, IMAP before POP3; the POP3 listener that is off is left out");
        Assert.That(Servers(document, "outgoingServer"), Is.EqualTo(new[]
        {
            ("smtp", _ports["SubmissionTls"], "SSL"),
            ("smtp", _ports["Submission"], "STARTTLS"),
        }));
        foreach (var server in provider.Elements().Where(e => e.Name.LocalName.EndsWith("Server", StringComparison.Ordinal)))
        {
            Assert.That(server.Element("hostname")!.Value, Is.EqualTo(Hostname));
            Assert.That(server.Element("username")!.Value, Is.EqualTo(User), "the full address, lower-cased");
            Assert.That(server.Element("authentication")!.Value, Is.EqualTo("password-cleartext"));
        }
    }

    [Test]
    public async Task Autoconfig_ReadByMailKit_ConnectsAndLogsInToEveryAdvertisedListener()
    {
        var document = await AutoconfigAsync("/mail/config-v1.1.xml?emailaddress=" + User);
        var checkedServers = 0;
        foreach (var server in document.Root!.Element("emailProvider")!.Elements().Where(e => e.Name.LocalName.EndsWith("Server", StringComparison.Ordinal)))
        {
            var type = server.Attribute("type")!.Value;
            var port = int.Parse(server.Element("port")!.Value, CultureInfo.InvariantCulture);
            var security = server.Element("socketType")!.Value switch
            {
                "SSL" => SecureSocketOptions.SslOnConnect,
                "STARTTLS" => SecureSocketOptions.StartTls,
                var other => throw new AssertionException("unexpected socketType " + other),
            };
            var username = server.Element("username")!.Value;

            // The advertised host name (mail.truong.edu.vn) does not resolve on this machine: connect to loopback on the
            // advertised port with the advertised socket type, and pin the appliance's certificate.
            using MailKit.MailService client = type switch
            {
                "imap" => new ImapClient(),
                "pop3" => new Pop3Client(),
                _ => new SmtpClient(),
            };
            client.ServerCertificateValidationCallback = TestCertificate.Pin(_appliance.Certificate);
            await client.ConnectAsync("127.0.0.1", port, security);
            Assert.That(client.IsSecure, Is.True, $"{type} on {port}");
            await client.AuthenticateAsync(username, Password);
            Assert.That(client.IsAuthenticated, Is.True, $"{type} on {port}");
            if (client is ImapClient imap)
            {
                var inbox = await imap.Inbox.OpenAsync(MailKit.FolderAccess.ReadOnly);
                Assert.That(inbox, Is.EqualTo(MailKit.FolderAccess.ReadOnly));
            }

            await client.DisconnectAsync(true);
            checkedServers++;
        }

        Assert.That(checkedServers, Is.EqualTo(5));
    }

    [Test]
    public async Task Autoconfig_WithoutAnAddress_UsesTheHostHeadersDomainAndThunderbirdsPlaceholder()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _appliance.Url("/mail/config-v1.1.xml"));
        request.Headers.Host = "autoconfig." + Domain;
        using var response = await _appliance.Http.SendAsync(request);
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.That(document.Descendants("username").Select(u => u.Value).Distinct(), Is.EqualTo(new[] { "%EMAILADDRESS%" }));

        using var other = new HttpRequestMessage(HttpMethod.Get, _appliance.Url("/mail/config-v1.1.xml"));
        other.Headers.Host = "autoconfig.example.org";
        using var refused = await _appliance.Http.SendAsync(other);
        Assert.That(refused.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
    }

    [TestCase("/mail/config-v1.1.xml?emailaddress=an%40example.org", HttpStatusCode.NotFound)]
    [TestCase("/mail/config-v1.1.xml?emailaddress=an%40Truong.edu.vn.evil.example", HttpStatusCode.NotFound)]
    [TestCase("/mail/config-v1.1.xml?emailaddress=not-an-address", HttpStatusCode.BadRequest)]
    [TestCase("/mail/config-v1.1.xml?emailaddress=%22a%20b%22%40truong.edu.vn", HttpStatusCode.BadRequest)]
    [TestCase("/mail/config-v1.1.xml?emailaddress=", HttpStatusCode.BadRequest)]
    [TestCase("/apple/mail.mobileconfig?emailaddress=an%40example.org", HttpStatusCode.NotFound)]
    [TestCase("/apple/mail.mobileconfig?emailaddress=%3Cscript%3E", HttpStatusCode.BadRequest)]
    [TestCase("/apple/mail.mobileconfig", HttpStatusCode.BadRequest)]
    public async Task Settings_ForAnUnknownDomainOrAMalformedAddress_AreRefused(string path, HttpStatusCode expected)
    {
        using var response = await _appliance.Http.GetAsync(_appliance.Url(path));
        Assert.That(response.StatusCode, Is.EqualTo(expected), await response.Content.ReadAsStringAsync());
    }

    [Test]
    public async Task Settings_ForAnAddressThatDoesNotExistInAHostedDomain_AreServed_SoTheyDoNotTellWhoHasAMailbox()
    {
        using var response = await _appliance.Http.GetAsync(_appliance.Url("/mail/config-v1.1.xml?emailaddress=nobody%40truong.edu.vn"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
    }

    [TestCase("/autodiscover/autodiscover.xml")]
    [TestCase("/Autodiscover/Autodiscover.xml")]
    [TestCase("/AutoDiscover/AutoDiscover.xml")]
    public async Task Autodiscover_AnswersOutlooksRequest_WithOnePreferredServerPerProtocol(string path)
    {
        using var response = await PostAutodiscoverAsync(path, Request("AnNV@truong.edu.vn"));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("text/xml"));
        var document = XDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.That(document.Root!.Name, Is.EqualTo(AutodiscoverEnvelope + "Autodiscover"));
        var account = document.Root.Element(AutodiscoverOutlook + "Response")!.Element(AutodiscoverOutlook + "Account")!;
        Assert.That(account.Element(AutodiscoverOutlook + "AccountType")!.Value, Is.EqualTo("email"));
        Assert.That(account.Element(AutodiscoverOutlook + "Action")!.Value, Is.EqualTo("settings"));
        var protocols = account.Elements(AutodiscoverOutlook + "Protocol").Select(p => (
            Type: p.Element(AutodiscoverOutlook + "Type")!.Value,
            Port: int.Parse(p.Element(AutodiscoverOutlook + "Port")!.Value, CultureInfo.InvariantCulture),
            Encryption: p.Element(AutodiscoverOutlook + "Encryption")!.Value)).ToArray();
        Assert.That(protocols, Is.EqualTo(new[]
        {
            ("IMAP", _ports["ImapTls"], "SSL"),
            ("POP3", _ports["Pop3Tls"], "SSL"),
            ("SMTP", _ports["SubmissionTls"], "SSL"),
        }));
        foreach (var protocol in account.Elements(AutodiscoverOutlook + "Protocol"))
        {
            Assert.That(protocol.Element(AutodiscoverOutlook + "Server")!.Value, Is.EqualTo(Hostname));
            Assert.That(protocol.Element(AutodiscoverOutlook + "LoginName")!.Value, Is.EqualTo(User));
            Assert.That(protocol.Element(AutodiscoverOutlook + "SSL")!.Value, Is.EqualTo("on"));
            Assert.That(protocol.Element(AutodiscoverOutlook + "SPA")!.Value, Is.EqualTo("off"));
            Assert.That(protocol.Element(AutodiscoverOutlook + "AuthRequired")!.Value, Is.EqualTo("on"));
        }
    }

    [TestCase("<Autodiscover", HttpStatusCode.BadRequest, "600")]
    [TestCase("<Other xmlns=\"urn:x\"><Request><EMailAddress>annv@truong.edu.vn</EMailAddress></Request></Other>", HttpStatusCode.BadRequest, "600")]
    [TestCase("<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request/></Autodiscover>", HttpStatusCode.BadRequest, "600")]
    [TestCase("<!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request><EMailAddress>&x;</EMailAddress></Request></Autodiscover>", HttpStatusCode.BadRequest, "600")]
    public async Task Autodiscover_MalformedRequests_AreRefusedWithExchangesError(string body, HttpStatusCode expected, string code)
    {
        using var response = await PostAutodiscoverAsync("/autodiscover/autodiscover.xml", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), text);
        Assert.That(XDocument.Parse(text).Descendants(AutodiscoverEnvelope + "ErrorCode").Single().Value, Is.EqualTo(code));
        Assert.That(text, Does.Not.Contain("root:"), "no external entity is ever read");
    }

    [Test]
    public async Task Autodiscover_ForActiveSyncOrAnotherDomain_OrTooLarge_OrAsGet_IsRefused()
    {
        var mobileSync = Request(User).Replace("outlook/responseschema/2006a", "mobilesync/responseschema/2006", StringComparison.Ordinal);
        using (var response = await PostAutodiscoverAsync("/autodiscover/autodiscover.xml", mobileSync))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
            Assert.That(await response.Content.ReadAsStringAsync(), Does.Contain("<ErrorCode>601</ErrorCode>"));
        }

        using (var response = await PostAutodiscoverAsync("/autodiscover/autodiscover.xml", Request("an@example.org")))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.NotFound));
        }

        using (var response = await PostAutodiscoverAsync("/autodiscover/autodiscover.xml", Request(User) + new string(' ', 20_000)))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.RequestEntityTooLarge));
        }

        using (var response = await _appliance.Http.GetAsync(_appliance.Url("/autodiscover/autodiscover.xml")))
        {
            Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.MethodNotAllowed));
        }
    }

    [Test]
    public async Task AppleProfile_IsAValidPlistWithOneMailPayload_AndFreshUuids()
    {
        using var response = await _appliance.Http.GetAsync(_appliance.Url("/apple/mail.mobileconfig?emailaddress=" + User));
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/x-apple-aspen-config"));
        Assert.That(response.Content.Headers.ContentDisposition!.DispositionType, Is.EqualTo("attachment"));
        var profile = await ReadPlistAsync(await VerifySignedAsync(await response.Content.ReadAsByteArrayAsync()));

        Assert.That(profile.GetProperty("PayloadType").GetString(), Is.EqualTo("Configuration"));
        Assert.That(profile.GetProperty("PayloadVersion").GetInt32(), Is.EqualTo(1));
        var payloads = profile.GetProperty("PayloadContent").EnumerateArray().ToArray();
        Assert.That(payloads, Has.Length.EqualTo(1));
        var mail = payloads[0];
        Assert.That(mail.GetProperty("PayloadType").GetString(), Is.EqualTo("com.apple.mail.managed"));
        Assert.That(mail.GetProperty("EmailAccountType").GetString(), Is.EqualTo("EmailTypeIMAP"));
        Assert.That(mail.GetProperty("EmailAddress").GetString(), Is.EqualTo(User));
        Assert.That(mail.GetProperty("IncomingMailServerHostName").GetString(), Is.EqualTo(Hostname));
        Assert.That(mail.GetProperty("IncomingMailServerPortNumber").GetInt32(), Is.EqualTo(_ports["ImapTls"]));
        Assert.That(mail.GetProperty("IncomingMailServerUseSSL").GetBoolean(), Is.True);
        Assert.That(mail.GetProperty("IncomingMailServerUsername").GetString(), Is.EqualTo(User));
        Assert.That(mail.GetProperty("IncomingMailServerAuthentication").GetString(), Is.EqualTo("EmailAuthPassword"));
        Assert.That(mail.GetProperty("OutgoingMailServerHostName").GetString(), Is.EqualTo(Hostname));
        Assert.That(mail.GetProperty("OutgoingMailServerPortNumber").GetInt32(), Is.EqualTo(_ports["SubmissionTls"]));
        Assert.That(mail.GetProperty("OutgoingMailServerUseSSL").GetBoolean(), Is.True);
        Assert.That(mail.GetProperty("OutgoingMailServerUsername").GetString(), Is.EqualTo(User));
        Assert.That(mail.GetProperty("OutgoingMailServerAuthentication").GetString(), Is.EqualTo("EmailAuthPassword"));
        Assert.That(mail.TryGetProperty("IncomingPassword", out _), Is.False, "no password in the profile");

        var uuids = new[] { profile.GetProperty("PayloadUUID").GetString()!, mail.GetProperty("PayloadUUID").GetString()! };
        Assert.That(uuids.Select(u => Guid.TryParse(u, out _)), Is.All.True);
        Assert.That(uuids.Distinct().Count(), Is.EqualTo(2));
        Assert.That(profile.GetProperty("PayloadIdentifier").GetString(), Is.Not.EqualTo(mail.GetProperty("PayloadIdentifier").GetString()));

        using var again = await _appliance.Http.GetAsync(_appliance.Url("/apple/mail.mobileconfig?emailaddress=" + User));
        var second = await ReadPlistAsync(await VerifySignedAsync(await again.Content.ReadAsByteArrayAsync()));
        Assert.That(second.GetProperty("PayloadUUID").GetString(), Is.Not.EqualTo(uuids[0]), "each download is a new profile");
        Assert.That(second.GetProperty("PayloadIdentifier").GetString(), Is.EqualTo(profile.GetProperty("PayloadIdentifier").GetString()),
            "the same identifier, so installing it again replaces the old one");
    }

    [Test]
    public async Task AppleProfile_IsSignedByTheAppliancesCertificate_AndAChangedProfileFailsVerification()
    {
        using var response = await _appliance.Http.GetAsync(_appliance.Url("/apple/mail.mobileconfig?emailaddress=" + User));
        var signed = await response.Content.ReadAsByteArrayAsync();
        Assert.That(Encoding.ASCII.GetString(signed[..2]), Is.Not.EqualTo("<?"), "not a bare plist");
        var content = await VerifySignedAsync(signed);
        Assert.That(Encoding.UTF8.GetString(content), Does.StartWith("<?xml").And.Contain("<plist version=\"1.0\">").And.Contain(User));

        // The same bytes with one letter of the address changed inside the signed content: a device must refuse them.
        var at = signed.AsSpan().IndexOf(Encoding.UTF8.GetBytes(User));
        Assert.That(at, Is.Positive);
        var forged = signed.ToArray();
        forged[at] = (byte)'x';
        var (exitCode, _, errors) = await OpenSslVerifyAsync(forged);
        Assert.That(exitCode, Is.Not.Zero, "a changed profile does not verify");
        Assert.That(errors, Does.Contain("verification failure").IgnoreCase.Or.Contain("digest failure").IgnoreCase);
    }

    /// <summary>Checks a signed profile with OpenSSL (signature only: the appliance's certificate is self-signed) and
    /// that the signer is the appliance's certificate; returns the signed content.</summary>
    private async Task<byte[]> VerifySignedAsync(byte[] signed)
    {
        var (exitCode, content, errors) = await OpenSslVerifyAsync(signed);
        Assert.That(exitCode, Is.Zero, errors);
        Assert.That(errors, Does.Contain("Verification successful"));
        return content;
    }

    /// <summary>Runs <c>openssl cms -verify -noverify</c> on DER SignedData; the signer's certificate it finds must be
    /// the appliance's.</summary>
    private async Task<(int ExitCode, byte[] Content, string Errors)> OpenSslVerifyAsync(byte[] signed)
    {
        var folder = TestFolder.New("signed-profile");
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            var (input, output, signer) = (Path.Combine(folder, "profile.der"), Path.Combine(folder, "content"), Path.Combine(folder, "signer.pem"));
            await File.WriteAllBytesAsync(input, signed);
            var start = new ProcessStartInfo("openssl") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var argument in new[] { "cms", "-verify", "-inform", "DER", "-noverify", "-in", input, "-out", output, "-signer", signer, "-binary" })
            {
                start.ArgumentList.Add(argument);
            }

            using var openssl = Process.Start(start)!;
            var errors = openssl.StandardError.ReadToEndAsync();
            await openssl.StandardOutput.ReadToEndAsync();
            await openssl.WaitForExitAsync();
            if (openssl.ExitCode != 0)
            {
                return (openssl.ExitCode, [], await errors);
            }

            using var signerCertificate = X509CertificateLoader.LoadCertificateFromFile(signer);
            Assert.That(signerCertificate.Thumbprint, Is.EqualTo(_appliance.Certificate.Thumbprint), "signed with the appliance's certificate");
            return (0, await File.ReadAllBytesAsync(output), await errors);
        }
        finally
        {
            TestFolder.Remove(folder);
        }
    }

    private static (string Type, int Port, string SocketType)[] Servers(XDocument document, string element) =>
        document.Root!.Element("emailProvider")!.Elements(element).Select(s => (
            s.Attribute("type")!.Value,
            int.Parse(s.Element("port")!.Value, CultureInfo.InvariantCulture),
            s.Element("socketType")!.Value)).ToArray();

    private static string Request(string address) =>
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>"
        + "<Autodiscover xmlns=\"http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006\"><Request>"
        + $"<EMailAddress>{address}</EMailAddress>"
        + "<AcceptableResponseSchema>http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a</AcceptableResponseSchema>"
        + "</Request></Autodiscover>";

    private async Task<HttpResponseMessage> PostAutodiscoverAsync(string path, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "text/xml");
        return await _appliance.Http.PostAsync(_appliance.Url(path), content);
    }

    /// <summary>Fetches an autoconfig answer and validates it against the structure Thunderbird reads
    /// (<see cref="AutoconfigSchema"/>).</summary>
    private async Task<XDocument> AutoconfigAsync(string pathAndQuery)
    {
        using var response = await _appliance.Http.GetAsync(_appliance.Url(pathAndQuery));
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.OK), text);
        Assert.That(response.Content.Headers.ContentType!.MediaType, Is.EqualTo("application/xml"));
        var schemas = new XmlSchemaSet();
        using (var reader = XmlReader.Create(new StringReader(AutoconfigSchema)))
        {
            schemas.Add(null, reader);
        }

        var document = XDocument.Parse(text);
        var errors = new List<string>();
        document.Validate(schemas, (_, e) => errors.Add(e.Message));
        Assert.That(errors, Is.Empty, text);
        return document;
    }

    /// <summary>Parses a plist with Python's plistlib (an independent reader) and returns it as JSON.</summary>
    private static async Task<JsonElement> ReadPlistAsync(byte[] plist)
    {
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import json, plistlib, sys; print(json.dumps(plistlib.loads(sys.stdin.buffer.read())))");
        using var python = Process.Start(start)!;
        await python.StandardInput.BaseStream.WriteAsync(plist);
        python.StandardInput.Close();
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        await python.WaitForExitAsync();
        Assert.That(python.ExitCode, Is.Zero, await errors);
        using var json = JsonDocument.Parse(await output);
        return json.RootElement.Clone();
    }

    // What Thunderbird's account wizard reads from an autoconfig file (the format of Mozilla's ISP database,
    // clientConfig version 1.1): every server needs hostname, port, socketType, authentication and username, with
    // the values it knows.
    private const string AutoconfigSchema = """
        <xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">
          <xs:simpleType name="socketType"><xs:restriction base="xs:string">
            <xs:enumeration value="plain"/><xs:enumeration value="SSL"/><xs:enumeration value="STARTTLS"/>
          </xs:restriction></xs:simpleType>
          <xs:simpleType name="authentication"><xs:restriction base="xs:string">
            <xs:enumeration value="password-cleartext"/><xs:enumeration value="password-encrypted"/>
            <xs:enumeration value="NTLM"/><xs:enumeration value="GSSAPI"/><xs:enumeration value="OAuth2"/>
          </xs:restriction></xs:simpleType>
          <xs:simpleType name="port"><xs:restriction base="xs:int">
            <xs:minInclusive value="1"/><xs:maxInclusive value="65535"/>
          </xs:restriction></xs:simpleType>
          <xs:complexType name="server">
            <xs:sequence>
              <xs:element name="hostname" type="xs:string"/>
              <xs:element name="port" type="port"/>
              <xs:element name="socketType" type="socketType"/>
              <xs:element name="authentication" type="authentication"/>
              <xs:element name="username" type="xs:string"/>
            </xs:sequence>
          </xs:complexType>
          <xs:complexType name="incoming"><xs:complexContent><xs:extension base="server">
            <xs:attribute name="type" use="required"><xs:simpleType><xs:restriction base="xs:string">
              <xs:enumeration value="imap"/><xs:enumeration value="pop3"/>
            </xs:restriction></xs:simpleType></xs:attribute>
          </xs:extension></xs:complexContent></xs:complexType>
          <xs:complexType name="outgoing"><xs:complexContent><xs:extension base="server">
            <xs:attribute name="type" use="required" fixed="smtp"/>
          </xs:extension></xs:complexContent></xs:complexType>
          <xs:element name="clientConfig">
            <xs:complexType>
              <xs:sequence>
                <xs:element name="emailProvider">
                  <xs:complexType>
                    <xs:sequence>
                      <xs:element name="domain" type="xs:string" maxOccurs="unbounded"/>
                      <xs:element name="displayName" type="xs:string"/>
                      <xs:element name="displayShortName" type="xs:string" minOccurs="0"/>
                      <xs:element name="incomingServer" type="incoming" maxOccurs="unbounded"/>
                      <xs:element name="outgoingServer" type="outgoing" maxOccurs="unbounded"/>
                    </xs:sequence>
                    <xs:attribute name="id" type="xs:string" use="required"/>
                  </xs:complexType>
                </xs:element>
              </xs:sequence>
              <xs:attribute name="version" type="xs:string" use="required" fixed="1.1"/>
            </xs:complexType>
          </xs:element>
        </xs:schema>
        """;
}
