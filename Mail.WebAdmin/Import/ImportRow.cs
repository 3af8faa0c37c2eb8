namespace Mail.WebAdmin.Import;

/// <summary>One planned account of an import, or why its row cannot be imported.</summary>
/// <param name="Line">The CSV line the row starts on.</param>
/// <param name="Name">The person's name in NFC (as much as could be read).</param>
/// <param name="Address">The address the account gets (empty when the row is in error).</param>
/// <param name="Generated">True when the convention made the address; false when the file gave it.</param>
/// <param name="Error">An <see cref="ImportErrors"/> code, null when the row is fine.</param>
/// <param name="ErrorDetail">What the error concerns (a unit, an address), shown beside it.</param>
internal sealed record ImportRow(int Line, string Name, string Address, bool Generated, string? Error, string ErrorDetail)
{
    /// <summary>The account's domain.</summary>
    public string Domain => Address[(Address.LastIndexOf('@') + 1)..];
}
