using System.Text.RegularExpressions;
using Mail.Directory.Ldap;
using Mail.WebAdmin.Audit;
using Mail.WebAdmin.Security;

namespace Mail.Tests.WebAdmin;

/// <summary>Every text key the pages use exists in English and in Vietnamese, and the Vietnamese is NFC.</summary>
internal sealed partial class TranslationTests
{
    [Test]
    public void EveryKeyUsed_IsTranslatedInBothLanguages_VietnameseInNfc()
    {
        var used = ResourceCheck.UsedKeys(Key());

        // Keys built at run time: statuses, audit actions, roles, the directory's and the role rules' refusals.
        used.UnionWith(new[] { 400, 403, 404, 405, 429, 500, 503 }.SelectMany(c => new[] { $"Status.{c}.Title", $"Status.{c}.Text" }));
        used.UnionWith(AuditActions.All.Select(a => "Audit." + a));
        used.UnionWith(RoleGrants.All.Select(r => "Role." + r));
        used.UnionWith(RoleGrants.Refusals);
        used.UnionWith(Enum.GetValues<DirectoryRefusal>().Where(r => r != DirectoryRefusal.Unspecified).Select(r => $"Refusal.{r}"));
        ResourceCheck.AssertComplete("SharedResource", used, atLeast: 50);
    }

    [GeneratedRegex("""(?:T|Text)\["([A-Za-z]+\.[A-Za-z0-9.\-]+)"[\],]""")]
    private static partial Regex Key();
}
