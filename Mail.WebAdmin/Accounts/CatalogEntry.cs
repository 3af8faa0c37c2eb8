using Mail.Directory;

namespace Mail.WebAdmin.Accounts;

/// <summary>An account in the list, with its folded search text (address, aliases and name, lower case, no diacritics).</summary>
internal sealed record CatalogEntry(Account Account, string Domain, string SearchKey);
