using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Mail.Tests.WebAdmin;

/// <summary>What the translation tests of each resource file share: reading a .resx pair, finding the keys the pages'
/// sources use, and the checks every pair must pass.</summary>
internal static class ResourceCheck
{
    private static string Source => Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../Mail.WebAdmin"));

    /// <summary>The keys <paramref name="key"/> (group 1) finds in the web admin's .cs and .cshtml files.</summary>
    public static HashSet<string> UsedKeys(Regex key)
    {
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in System.IO.Directory.EnumerateFiles(Source, "*.cs*", SearchOption.AllDirectories)
            .Where(f => !f.Contains("/obj/", StringComparison.Ordinal) && !f.Contains("/bin/", StringComparison.Ordinal)))
        {
            foreach (Match match in key.Matches(File.ReadAllText(file)))
            {
                used.Add(match.Groups[1].Value);
            }
        }

        return used;
    }

    /// <summary>Both files name the same keys, every used key is translated, the Vietnamese is NFC and not English.</summary>
    public static void AssertComplete(string resource, IReadOnlyCollection<string> used, int atLeast)
    {
        var english = Read(resource + ".resx");
        var vietnamese = Read(resource + ".vi.resx");
        Assert.That(vietnamese.Keys, Is.EquivalentTo(english.Keys), "the two files name the same keys");
        Assert.That(used.Where(k => !english.ContainsKey(k)), Is.Empty, "keys without a translation");
        Assert.That(used, Has.Count.GreaterThan(atLeast), "the scan found the pages' keys");
        Assert.That(vietnamese.Where(p => !p.Value.IsNormalized(NormalizationForm.FormC)).Select(p => p.Key), Is.Empty, "Vietnamese in NFC");
        Assert.That(vietnamese.Where(p => p.Value == english[p.Key] && !p.Value.Contains('{', StringComparison.Ordinal)).Select(p => p.Key), Is.Empty,
            "Vietnamese text that is still English");
    }

    private static Dictionary<string, string> Read(string name) =>
        XDocument.Load(Path.Combine(Source, "Localization", name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);
}
