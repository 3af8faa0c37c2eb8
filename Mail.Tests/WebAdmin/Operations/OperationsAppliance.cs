using Mail.Tests.Fixtures;
using Mail.Tests.WebAdmin.Browser;
using Microsoft.Playwright;

namespace Mail.Tests.WebAdmin.Operations;

/// <summary>One real appliance and one headless Chromium for the dashboard, domain, group, queue and import pages
/// (the pattern of <see cref="BrowserAppliance"/>, with its own appliance so the two fixtures never see each other's
/// data). DNS goes to a loopback <see cref="FakeDns"/>: the truong.edu.vn zone publishes MX, the host's address and
/// SPF but no DKIM or DMARC; questions about <see cref="Unreachable"/> fail, so mail for it stays queued.</summary>
[SetUpFixture]
internal sealed class OperationsAppliance
{
    public const string Domain = BrowserAppliance.Domain;
    public const string OtherDomain = BrowserAppliance.OtherDomain;
    public const string Password = BrowserAppliance.Password;
    public const string Admin = BrowserAppliance.Admin;
    public const string DomainAdmin = BrowserAppliance.DomainAdmin;
    public const string Helpdesk = BrowserAppliance.Helpdesk;
    public const string Staff = BrowserAppliance.Staff;

    /// <summary>A group of the other domain with an outside member, so its mail waits in the queue.</summary>
    public const string OtherGroup = "vanthu@" + OtherDomain;

    /// <summary>A domain whose DNS always fails.</summary>
    public const string Unreachable = "ngoai.example";

    private static OperationsAppliance? _current;
    private readonly ApplianceWithBrowser _appliance = new();
    private FakeDns? _dns;

    public static OperationsAppliance Current => _current ?? throw new InvalidOperationException("the operations appliance is not running");

    public CliRunner Cli => _appliance.Cli;

    public IBrowser Browser => _appliance.Browser;

    public Uri BaseUri => _appliance.BaseUri;

    /// <summary>The queue id of a message from outside to <see cref="OtherGroup"/>, waiting for its outside member.</summary>
    public string OtherDomainQueueId { get; private set; } = null!;

    [OneTimeSetUp]
    public async Task StartAsync()
    {
        await _appliance.StartAsync("web-operations", Domain, Password, async appliance =>
        {
            await appliance.MustAsync("domain", "add", OtherDomain);
            await appliance.MustAsync("user", "add", DomainAdmin, "--name", "Lê Văn Hiệu", "--password", Password, "--role", "domain-admin");
            await appliance.MustAsync("user", "add", Helpdesk, "--name", "Phạm Thị Hỗ Trợ", "--password", Password, "--role", "helpdesk");
            await appliance.MustAsync("user", "add", Staff, "--name", "Nguyễn Văn An", "--password", Password);
            await appliance.MustAsync("group", "add", OtherGroup, "--name", "Văn thư Sở", "--policy", "anyone");
            await appliance.MustAsync("group", "member", "add", OtherGroup, "sgd@" + Unreachable);

            _dns = FakeDns.Start();
            var host = "mail." + Domain;
            _dns.Mx(Domain, 10, host).Address(host, "127.0.0.1").Txt(Domain, "v=spf1 mx -all").Fail(Unreachable);
            appliance.Cli.Environment["Mail__Dns__Server"] = _dns.Server;
        });
        OtherDomainQueueId = await SendAsync(OtherGroup, "Công văn số 12");
        _current = this;
    }

    [OneTimeTearDown]
    public async Task StopAsync()
    {
        _current = null;
        await _appliance.StopAsync();
        _dns?.Dispose();
    }

    /// <summary>A page signed in as <paramref name="address"/>, at phone size, in <paramref name="culture"/>.</summary>
    public async Task<(IBrowserContext Context, IPage Page)> SignInAsync(string address, string culture = "vi", string password = Password)
    {
        var context = await _appliance.NewContextAsync(culture);
        return (context, await BrowserAppliance.SignInAsync(context, address, password));
    }

    /// <summary>Sends a message from outside to <paramref name="recipient"/> over the MX port; returns its queue id.</summary>
    public async Task<string> SendAsync(string recipient, string subject)
    {
        var (smtp, accepted) = await EnvelopeAsync(recipient);
        using var dialog = smtp;
        Assert.That(accepted, Does.StartWith("250"));
        Assert.That(await smtp.CommandAsync("DATA"), Does.StartWith("354"));
        var reply = await smtp.SendAsync($"Subject: {subject}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nKính gửi.\r\n.\r\n");
        Assert.That(reply, Does.StartWith("250 2.0.0 queued as "));
        return reply["250 2.0.0 queued as ".Length..].Trim();
    }

    /// <summary>The MX port's answer to RCPT TO <paramref name="recipient"/> from outside.</summary>
    public async Task<string> RecipientReplyAsync(string recipient)
    {
        var (smtp, reply) = await EnvelopeAsync(recipient);
        using var dialog = smtp;
        return reply;
    }

    /// <summary>Runs a CLI command that must succeed.</summary>
    public Task<string> MustAsync(params string[] args) => _appliance.MustAsync(args);

    private async Task<(SmtpDialog Dialog, string RecipientReply)> EnvelopeAsync(string recipient)
    {
        var (smtp, _) = await SmtpDialog.ConnectAsync(Cli.SmtpPort);
        await smtp.CommandAsync("EHLO sender.example");
        Assert.That(await smtp.CommandAsync("MAIL FROM:<gv@sender.example>"), Does.StartWith("250"));
        return (smtp, await smtp.CommandAsync($"RCPT TO:<{recipient}>"));
    }
}
