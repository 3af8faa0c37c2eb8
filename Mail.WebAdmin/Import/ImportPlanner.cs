using System.Text;
using Mail.Directory.Addressing;

namespace Mail.WebAdmin.Import;

/// <summary>Turns CSV records (name, unit, optional address) into an <see cref="ImportPlan"/> without writing anything.
/// The unit is the domain of the school or office the person belongs to (empty: the domain chosen on the form). A file
/// may start with a header naming its columns (English or Vietnamese, e.g. <c>Họ tên,Đơn vị,Địa chỉ</c>); without one
/// the columns are name, unit, address in that order.</summary>
internal static class ImportPlanner
{
    private const int MaxLocalLength = 60;

    private static readonly string[] NameHeaders = ["name", "ho ten", "ho va ten", "hoten", "full name"];
    private static readonly string[] UnitHeaders = ["unit", "don vi", "donvi", "domain", "ten mien"];
    private static readonly string[] AddressHeaders = ["address", "email", "e-mail", "mail", "dia chi", "dia chi email", "dia chi thu"];

    /// <param name="records">The file's records.</param>
    /// <param name="defaultDomain">The domain of rows without a unit.</param>
    /// <param name="mayImportInto">True for a hosted domain the importer manages.</param>
    /// <param name="taken">Every address in use (accounts, groups, aliases), lower case.</param>
    public static ImportPlan Plan(IReadOnlyList<CsvRecord> records, string defaultDomain, Func<string, bool> mayImportInto, IReadOnlySet<string> taken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var (name, unit, address, body) = Columns(records);

        // Addresses the file names are reserved first, so a generated one never takes an address a later row asks for.
        var reserved = new HashSet<string>(taken, StringComparer.Ordinal);
        var explicitSeen = new HashSet<string>(StringComparer.Ordinal);
        var rows = new List<ImportRow?>();
        var pending = new List<(CsvRecord Record, string Name, string Domain)>();
        foreach (var record in body)
        {
            var row = Explicit(record, Field(record, name), Field(record, unit), Field(record, address), defaultDomain, mayImportInto, taken, explicitSeen, out var domain);
            if (row is null)
            {
                pending.Add((record, Field(record, name).Normalize(NormalizationForm.FormC).Trim(), domain!));
                rows.Add(null);
                continue;
            }

            if (row.Error is null)
            {
                reserved.Add(row.Address);
            }

            rows.Add(row);
        }

        var next = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not null)
            {
                continue;
            }

            var (record, person, domain) = pending[next++];
            var local = AddressConvention.LocalPart(person);
            if (local is null)
            {
                rows[i] = new ImportRow(record.Line, person, string.Empty, true, ImportErrors.NameNoLetters, person);
                continue;
            }

            var generated = AddressConvention.FreeAddress(local.Length > MaxLocalLength ? local[..MaxLocalLength] : local, domain, reserved);
            reserved.Add(generated);
            rows[i] = new ImportRow(record.Line, person, generated, true, null, string.Empty);
        }

        return new ImportPlan(rows.Select(r => r!).ToArray());
    }

    // A finished row (an error, or an address the file gave), or null with the domain when the convention must make
    // the address (after every given address is known).
    private static ImportRow? Explicit(CsvRecord record, string nameText, string unitText, string addressText, string defaultDomain,
        Func<string, bool> mayImportInto, IReadOnlySet<string> taken, HashSet<string> seen, out string? domain)
    {
        domain = null;
        var person = nameText.Normalize(NormalizationForm.FormC).Trim();
        if (record.Error is not null)
        {
            return Error(record, person, ImportErrors.Malformed, record.Error);
        }

        if (person.Length == 0)
        {
            return Error(record, person, ImportErrors.NameMissing, string.Empty);
        }

        try
        {
            person = PersonName.Parse(person).Full;
        }
        catch (FormatException)
        {
            // PersonName's reasons are English sentences; the page's own text names both (too long, control character).
            return Error(record, person, ImportErrors.NameInvalid, string.Empty);
        }

        var unit = unitText.Trim();
        string? unitDomain = null;
        if (unit.Length > 0 && (!MailAddress.TryNormalizeDomain(unit, out unitDomain, out _) || !mayImportInto(unitDomain)))
        {
            return Error(record, person, ImportErrors.UnitUnknown, unit);
        }

        if (addressText.Trim().Length == 0)
        {
            domain = unitDomain ?? defaultDomain;
            return mayImportInto(domain) ? null : Error(record, person, ImportErrors.UnitUnknown, domain);
        }

        if (!MailAddress.TryParse(addressText, out var parsed, out _))
        {
            return Error(record, person, ImportErrors.AddressInvalid, addressText.Trim());
        }

        var address = parsed.ToString();
        if (unitDomain is not null && parsed.Domain != unitDomain)
        {
            return Error(record, person, ImportErrors.AddressOtherUnit, address);
        }

        if (!mayImportInto(parsed.Domain))
        {
            return Error(record, person, ImportErrors.UnitUnknown, parsed.Domain);
        }

        if (!seen.Add(address))
        {
            return Error(record, person, ImportErrors.AddressDuplicate, address);
        }

        return taken.Contains(address)
            ? Error(record, person, ImportErrors.AddressTaken, address)
            : new ImportRow(record.Line, person, address, false, null, string.Empty);
    }

    private static ImportRow Error(CsvRecord record, string person, string code, string detail) =>
        new(record.Line, person, string.Empty, false, code, detail);

    private static string Field(CsvRecord record, int index) => index >= 0 && index < record.Fields.Count ? record.Fields[index] : string.Empty;

    private static (int Name, int Unit, int Address, IEnumerable<CsvRecord> Body) Columns(IReadOnlyList<CsvRecord> records)
    {
        if (records.Count > 0 && records[0].Error is null)
        {
            var headers = records[0].Fields.Select(f => SearchText.Fold(f.Trim())).ToArray();
            var name = Array.FindIndex(headers, NameHeaders.Contains);
            if (name >= 0)
            {
                return (name, Array.FindIndex(headers, UnitHeaders.Contains), Array.FindIndex(headers, AddressHeaders.Contains), records.Skip(1));
            }
        }

        return (0, 1, 2, records);
    }
}
