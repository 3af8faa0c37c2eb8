using System.DirectoryServices.Protocols;

namespace Mail.Directory.Ldap;

/// <summary>Typed reads of attribute values from search results.</summary>
internal static class SearchResultEntryExtensions
{
    public static string? First(this SearchResultEntry entry, string attribute)
    {
        if (string.IsNullOrEmpty(attribute) || !entry.Attributes.Contains(attribute))
        {
            return null;
        }

        var values = entry.Attributes[attribute].GetValues(typeof(string));
        return values.Length > 0 ? (string)values[0] : null;
    }

    public static IReadOnlyList<string> All(this SearchResultEntry entry, string attribute)
    {
        if (string.IsNullOrEmpty(attribute) || !entry.Attributes.Contains(attribute))
        {
            return [];
        }

        return entry.Attributes[attribute].GetValues(typeof(string)).Cast<string>().ToArray();
    }

    public static bool Flag(this SearchResultEntry entry, string attribute) =>
        string.Equals(entry.First(attribute), "TRUE", StringComparison.OrdinalIgnoreCase);

    public static bool HasClass(this SearchResultEntry entry, string objectClass) =>
        entry.All("objectClass").Any(c => c.Equals(objectClass, StringComparison.OrdinalIgnoreCase));
}
