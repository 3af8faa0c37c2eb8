using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Mail.Directory;
using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Import;
using Mail.WebAdmin.Operations;

namespace Mail.Tests.WebAdmin;

/// <summary>Every key the dashboard, domain, group, queue and import pages use (through <c>O</c> or their
/// OperationsResource localizer) exists in English and Vietnamese, and the Vietnamese is NFC.</summary>
internal sealed partial class OperationsTranslationTests
{
    private static string Source => Path.GetFullPath(Path.Combine(TestContext.CurrentContext.TestDirectory, "../../../../Mail.WebAdmin"));

    [Test]
    public void EveryKeyUsed_IsTranslatedInBothLanguages_VietnameseInNfc()
    {
        var english = Read("OperationsResource.resx");
        var vietnamese = Read("OperationsResource.vi.resx");
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

        // Keys built at run time from enums and codes.
        used.UnionWith(OperationsAuditActions.All.Select(a => "Audit." + a));
        used.UnionWith(ImportErrors.All.Select(e => "Import.Error." + e));
        used.UnionWith(CsvTable.Errors.Select(e => "Import.Malformed." + e));
        used.UnionWith(Enum.GetNames<DnsCheckStatus>().Select(s => "Dns." + s));
        used.UnionWith(Enum.GetNames<MailEventKind>().Select(s => "Events." + s));
        used.UnionWith(Enum.GetNames<QueueRecipientState>().Select(s => "Recipient." + s));
        used.UnionWith(Enum.GetNames<SenderPolicy>().Select(s => "Policy." + s));
        used.UnionWith(Enum.GetNames<MemberKind>().Select(s => "Member." + s));
        used.UnionWith(new[] { "create", "member-add", "member-remove", "policy", "sender-add", "sender-remove" }.Select(d => "GroupDone." + d));
        Assert.That(used.Where(k => !english.ContainsKey(k)), Is.Empty, "keys without a translation");
        Assert.That(used, Has.Count.GreaterThan(100), "the scan found the pages' keys");
        Assert.That(vietnamese.Where(p => !p.Value.IsNormalized(NormalizationForm.FormC)).Select(p => p.Key), Is.Empty, "Vietnamese in NFC");
        Assert.That(vietnamese.Where(p => p.Value == english[p.Key] && !p.Value.Contains('{', StringComparison.Ordinal)).Select(p => p.Key), Is.Empty,
            "Vietnamese text that is still English");
    }

    private static Dictionary<string, string> Read(string name) =>
        XDocument.Load(Path.Combine(Source, "Localization", name)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string)d.Element("value")!, StringComparer.Ordinal);

    [GeneratedRegex("""(?:\bO|operations)\["([A-Za-z]+\.[A-Za-z0-9.\-]+)"[\],]""")]
    private static partial Regex Key();
}
