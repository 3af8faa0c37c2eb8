using System.Text;

namespace Mail.Tests.WebAdmin;

/// <summary>A deliberately strict reader of vCard 4.0 (RFC 6350), written for the tests because MimeKit does not read
/// vCard: valid UTF-8, CRLF only, physical lines of at most 75 octets, folding by CRLF + one space, every card
/// BEGIN/VERSION:4.0 first and END last with exactly one FN, and text values whose only backslash sequences are
/// \\ \, \; \n and which have no unescaped comma or semicolon.</summary>
internal static class StrictVCardReader
{
    /// <summary>The cards, each a list of (property name with parameters, unescaped value).</summary>
    public static List<List<(string Name, string Value)>> Read(byte[] bytes)
    {
        var text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        Assert.That(text, Does.EndWith("\r\n"));
        var physical = text[..^2].Split("\r\n");
        foreach (var line in physical)
        {
            Assert.That(line, Does.Not.Contain("\r").And.Not.Contain("\n"), "bare CR or LF");
            Assert.That(Encoding.UTF8.GetByteCount(line), Is.LessThanOrEqualTo(75), "physical line longer than 75 octets: " + line);
        }

        var logical = new List<string>();
        foreach (var line in physical)
        {
            if (line.StartsWith(' ') || line.StartsWith('\t'))
            {
                Assert.That(logical, Is.Not.Empty, "a continuation line first");
                logical[^1] += line[1..];
            }
            else
            {
                logical.Add(line);
            }
        }

        var cards = new List<List<(string, string)>>();
        List<(string Name, string Value)>? card = null;
        foreach (var line in logical)
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            Assert.That(colon, Is.GreaterThan(0), "no property name: " + line);
            var name = line[..colon];
            var value = line[(colon + 1)..];
            Assert.That(name.Split(';')[0].All(c => char.IsAsciiLetterOrDigit(c) || c == '-'), Is.True, "bad property name: " + name);
            if (name == "BEGIN")
            {
                Assert.That(card, Is.Null, "BEGIN inside a card");
                Assert.That(value, Is.EqualTo("VCARD"));
                card = [];
                continue;
            }

            Assert.That(card, Is.Not.Null, "property outside a card: " + line);
            if (name == "END")
            {
                Assert.That(value, Is.EqualTo("VCARD"));
                Assert.That(card![0], Is.EqualTo(("VERSION", "4.0")), "VERSION must follow BEGIN");
                Assert.That(card.Count(p => p.Name == "FN"), Is.EqualTo(1));
                cards.Add(card);
                card = null;
                continue;
            }

            card!.Add((name, Unescape(value)));
        }

        Assert.That(card, Is.Null, "a card without END");
        return cards;
    }

    private static string Unescape(string value)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c is ',' or ';')
            {
                Assert.Fail("unescaped " + c + " in " + value);
            }

            if (c != '\\')
            {
                builder.Append(c);
                continue;
            }

            Assert.That(i + 1, Is.LessThan(value.Length), "a trailing backslash");
            builder.Append(value[++i] switch
            {
                '\\' => '\\',
                ',' => ',',
                ';' => ';',
                'n' or 'N' => '\n',
                var other => throw new AssertionException($"unknown escape \\{other} in {value}"),
            });
        }

        return builder.ToString();
    }
}
