using System.Text.RegularExpressions;
using Mail.Directory;
using Mail.WebAdmin.Engine;
using Mail.WebAdmin.Import;
using Mail.WebAdmin.Operations;

namespace Mail.Tests.WebAdmin;

/// <summary>Every key the dashboard, domain, group, queue and import pages use (through <c>O</c> or their
/// OperationsResource localizer) exists in English and Vietnamese, and the Vietnamese is NFC.</summary>
internal sealed partial class OperationsTranslationTests
{
    [Test]
    public void EveryKeyUsed_IsTranslatedInBothLanguages_VietnameseInNfc()
    {
        var used = ResourceCheck.UsedKeys(Key());

        // Keys built at run time from enums and codes.
        used.UnionWith(OperationsAuditActions.All.Select(a => "Audit." + a));
        used.UnionWith(ImportErrors.All.Select(e => "Import.Error." + e));
        used.UnionWith(CsvTable.Errors.Select(e => "Import.Malformed." + e));
        used.UnionWith(Enum.GetNames<DnsCheckStatus>().Select(s => "Dns." + s));
        used.UnionWith(Enum.GetNames<DnsNoteKind>().Select(s => "DnsNote." + s));
        used.UnionWith(Enum.GetNames<MailEventKind>().Select(s => "Events." + s));
        used.UnionWith(Enum.GetNames<QueueRecipientState>().Select(s => "Recipient." + s));
        used.UnionWith(Enum.GetNames<SenderPolicy>().Select(s => "Policy." + s));
        used.UnionWith(Enum.GetNames<MemberKind>().Select(s => "Member." + s));
        used.UnionWith(new[] { "create", "member-add", "member-remove", "alias-add", "alias-remove", "policy", "public", "sender-add", "sender-remove" }.Select(d => "GroupDone." + d));
        ResourceCheck.AssertComplete("OperationsResource", used, atLeast: 100);
    }

    [GeneratedRegex("""(?:\bO|operations)\["([A-Za-z]+\.[A-Za-z0-9.\-]+)"[\],]""")]
    private static partial Regex Key();
}
