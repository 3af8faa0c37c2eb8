namespace Mail.WebAdmin.Import;

/// <summary>What a commit did: every account created, or none and the row the directory refused.</summary>
/// <param name="Created">The accounts created (empty when the import was undone).</param>
/// <param name="FailedRow">The row the directory refused, null when all were created.</param>
/// <param name="Reason">The directory's reason for refusing it (English text from Mail.Directory).</param>
internal sealed record ImportResult(IReadOnlyList<ImportedAccount> Created, ImportRow? FailedRow, string Reason)
{
    public bool Succeeded => FailedRow is null;
}
