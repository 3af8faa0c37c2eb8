using System.Text;
using Mail.Server.Store;

namespace Mail.Tests.Store;

/// <summary>Body parameters as IMAP carries them: the header's own attributes and values, RFC 2231 continuations joined
/// the way Dovecot joins them (the cases of Dovecot's own test-rfc2231-parser.c).</summary>
internal sealed class HeaderParametersTests
{
    [Test]
    public void Continuations_AreJoined_AsDovecotJoinsThem()
    {
        var parameters = Read("text/plain; key*2=ba%; key2*0=a; key3*0*=us-ascii'en'xyz; key*0=\"foo\"; key2*1*=b%25; key3*1=plop%; key*1=baz");
        Assert.That(parameters, Is.EqualTo(new[]
        {
            ("key", "foobazba%"),
            ("key2*", "''ab%25"),
            ("key3*", "us-ascii'en'xyzplop%25"),
        }));
    }

    [Test]
    public void EncodedValues_StayAsSent_AndPlainOnesComeFirstInTheirOrder()
    {
        var parameters = Read("attachment; (a comment) name*=utf-8''Bi%C3%AAn.pdf; Size=12 ;\r\n title=\"=?utf-8?B?QmnDqm4=?=\"; q=\"a\\\"b\"; broken; x=\"Biên\"");
        Assert.That(parameters, Is.EqualTo(new[]
        {
            ("Size", "12"),
            ("title", "=?utf-8?B?QmnDqm4=?="),
            ("q", "a\"b"),
            ("x", "Biên"),
            ("name*", "utf-8''Bi%C3%AAn.pdf"),
        }));
    }

    [Test]
    public void RepeatedAttributes_FirstWins_AndTheCountIsBounded()
    {
        var many = string.Concat(Enumerable.Range(0, 1000).Select(i => $"; p{i}=v"));
        Assert.Multiple(() =>
        {
            Assert.That(Read("text/plain; charset=utf-8; charset=latin1"), Is.EqualTo(new[] { ("charset", "utf-8") }));
            Assert.That(Read("text/plain" + many), Has.Length.EqualTo(HeaderParameters.MaxParameters));
        });
    }

    private static (string, string)[] Read(string value) =>
        [.. HeaderParameters.Read(Encoding.UTF8.GetBytes(value)).Select(p => (p.Key, p.Value))];
}
