using Mail.Directory;
using Mail.Server.Smtp;
using Mail.Tests.Fixtures;

namespace Mail.Tests.Smtp;

internal sealed class RecipientPolicyTests : DirectoryTestBase
{
    private RecipientPolicy _policy = null!;

    [SetUp]
    public async Task AddRecipientsAsync()
    {
        _policy = new RecipientPolicy(Dir);
        await AddUserAsync("annv");
        await Dir.Aliases.AddAsync(A("annv"), A("an"), None);
        await Dir.Groups.AddAsync(A("giaovien"), "Giáo viên", SenderPolicy.Members, None);
        await Dir.Groups.AddMemberAsync(A("giaovien"), A("annv"), None);
    }

    [Test]
    public async Task HostedRecipients_AreAcceptedAsTheirPrimaryAddress()
    {
        var byAlias = await _policy.DecideAsync(A("AN"), "x@gmail.com", authenticated: false, None);
        Assert.That((byAlias.Reply.Code, byAlias.Kind, byAlias.Address), Is.EqualTo((250, RecipientKind.LocalAccount, A("annv"))));
        var group = await _policy.DecideAsync(A("giaovien"), A("annv"), authenticated: false, None);
        Assert.That((group.Reply.Code, group.Kind), Is.EqualTo((250, RecipientKind.LocalGroup)));
    }

    [Test]
    public async Task UnknownLocalRecipient_Is550_5_1_1() =>
        Assert.That((await _policy.DecideAsync(A("ghost"), "x@gmail.com", false, None)).Reply.ToString(), Does.StartWith("550 5.1.1"));

    [Test]
    public async Task GroupThatRefusesTheSender_Is550_5_7_1() =>
        Assert.That((await _policy.DecideAsync(A("giaovien"), "stranger@gmail.com", false, None)).Reply.ToString(), Does.StartWith("550 5.7.1"));

    [TestCase("someone@gmail.com")]
    [TestCase("someone%gmail.com@{0}")]
    [TestCase("@{0}:someone@gmail.com")]
    [TestCase("\"someone@gmail.com\"@{0}")]
    [TestCase("gmail.com!someone@{0}")]
    public async Task RelayAttempts_WithoutAuthentication_Are554_5_7_1(string pattern)
    {
        var decision = await _policy.DecideAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, Domain), "x@gmail.com", false, None);
        Assert.That(decision.Reply.ToString(), Does.StartWith("554 5.7.1"));
        Assert.That(decision.Kind, Is.Null);
    }

    [Test]
    public async Task OtherDomains_WithAuthentication_GoToTheOutboundQueue()
    {
        var decision = await _policy.DecideAsync("Partner@MOET.gov.vn", A("annv"), authenticated: true, None);
        Assert.That((decision.Reply.Code, decision.Kind, decision.Address), Is.EqualTo((250, RecipientKind.Outbound, "partner@moet.gov.vn")));
        Assert.That((await _policy.DecideAsync("a%b.vn@moet.gov.vn", A("annv"), true, None)).Reply.Code, Is.EqualTo(554), "tricks never relay, even authenticated");
    }

    [Test]
    public async Task DirectoryDown_Is451_4_4_3_NeverUnknownUser()
    {
        using var cold = Slapd.NewDirectory();
        var policy = new RecipientPolicy(cold);
        await Slapd.StopSlapdAsync();
        try
        {
            var decision = await policy.DecideAsync(A("annv"), "x@gmail.com", false, None);
            Assert.That(decision.Reply.ToString(), Does.StartWith("451 4.4.3"));
        }
        finally
        {
            await Slapd.StartSlapdAsync();
        }
    }
}
