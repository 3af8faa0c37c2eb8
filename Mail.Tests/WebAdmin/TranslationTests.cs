using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mail.WebAdmin.Audit;

namespace Mail.Tests.WebAdmin;

/// <summary>Every text key the pages use exists in English and in Vietnamese, and the Vietnamese is NFC.</summary>
internal sealed partial class TranslationTests
{
    private static string Source => Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../Mail.WebAdmin"));

    [Test]
    public void EveryKeyUsed_IsTranslatedInBothLanguages_VietnameseInNfc()
    {
        var english = Read("SharedResource.resx");
        var vietnamese = Read("SharedResource.vi.resx");
        Assert.That(vietnamese.Keys, Is.EquivalentTo(english.Keys), "the two files name the same keys");

        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(Source, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match match in Key().Matches(File.ReadAllText(file)))
            {
                used.Add(match.Groups[1].Value);
            }
        }

        // Keys built at run time: statuses, audit actions, the "done" notices.
        used.UnionWith(new[] { 400, 403, 404, 405, 429, 500, 503 }.SelectMany(c => new[] { $"Status.{c}.Title", $"Status.{c}.Text" }));
        used.UnionWith(AuditActions.All.Select(a => "Audit." + a));
        Assert.That(used.Where(k => !english.ContainsKey(k)), Is.Empty, "keys without a translation");
        Assert.That(used, Has.Count.GreaterThan(50), "the scan found the pages' keys");
        Assert.That(vietnamese.Where(p => !p.Value.IsNormalized(NormalizationForm.FormC)).Select(p => p.Key), Is.Empty, "Vietnamese in NFC");
        Assert.That(vietnamese.Where(p => p.Value == english[p.Key] && !p.Value.Contains('{', StringComparison.Ordinal)).Select(p => p.Key), Is.Empty,
            "Vietnamese text that is still English");
    }

    private static Dictionary<string, string> Read(string name) =>
        XDocument.Load(Path.Combine(Source, "Localization", name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    [GeneratedRegex("""(?:T|Text)\["([A-Za-z]+\.[A-Za-z0-9.\-]+)"[\],]""")]
    private static partial Regex Key();
}
