using Mail.Server.Auth;

namespace Mail.Tests.Auth;

/// <summary>Organisational domains (RFC 7489 3.2) from Debian's Public Suffix List and from the built-in fallback.</summary>
internal sealed class PublicSuffixListTests
{
    [TestCase("truong.edu.vn", "truong.edu.vn")]
    [TestCase("mail.thpt-nguyen-du.hcm.edu.vn", "hcm.edu.vn")]
    [TestCase("sgd.gov.vn", "sgd.gov.vn")]
    [TestCase("a.b.example.com", "example.com")]
    [TestCase("Mail.Example.COM.", "example.com")]
    [TestCase("edu.vn", "edu.vn")]
    [TestCase("vn", "vn")]
    [TestCase("x.y.bbc.co.uk", "bbc.co.uk")]
    public void BothLists_AgreeOnTheCommonCases(string domain, string organization)
    {
        Assert.That(PublicSuffixList.Load(InboundAuthOptions.DebianPublicSuffixList).OrganizationalDomain(domain), Is.EqualTo(organization), "Debian list");
        Assert.That(PublicSuffixList.Load("/nonexistent/public_suffix_list.dat").OrganizationalDomain(domain), Is.EqualTo(organization), "built-in list");
    }

    [Test]
    public void TheDebianFile_IsUsedWhenPresent_WithWildcardAndExceptionRules()
    {
        Assume.That(File.Exists(InboundAuthOptions.DebianPublicSuffixList), "the publicsuffix package is installed by ./mailappliance test");
        var list = PublicSuffixList.Load(InboundAuthOptions.DebianPublicSuffixList);
        Assert.That(list.FromFile, Is.True);
        Assert.That(list.Count, Is.GreaterThan(5000));

        // *.ck makes every name under ck a suffix, except www.ck (!www.ck).
        Assert.That(list.OrganizationalDomain("a.b.something.ck"), Is.EqualTo("b.something.ck"));
        Assert.That(list.OrganizationalDomain("a.www.ck"), Is.EqualTo("www.ck"));

        // Private-section entries count too: each blog is its own organisation.
        Assert.That(list.OrganizationalDomain("x.truong.blogspot.com"), Is.EqualTo("truong.blogspot.com"));
    }

    [Test]
    public void AMissingFile_FallsBackToTheBuiltInList()
    {
        var list = PublicSuffixList.Load("/nonexistent/public_suffix_list.dat");
        Assert.That(list.FromFile, Is.False);
        Assert.That(list.Count, Is.EqualTo(PublicSuffixList.BuiltIn.Length));
        Assert.That(list.OrganizationalDomain("mail.truong.com.vn"), Is.EqualTo("truong.com.vn"));
    }
}
