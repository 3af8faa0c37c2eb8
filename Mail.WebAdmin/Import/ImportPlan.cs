namespace Mail.WebAdmin.Import;

/// <summary>What an import would do: a row per CSV record, each an account to create or an error.</summary>
internal sealed record ImportPlan(IReadOnlyList<ImportRow> Rows)
{
    /// <summary>True when any row is in error (nothing may then be created).</summary>
    public bool HasErrors => Rows.Any(r => r.Error is not null);

    /// <summary>A fingerprint of the accounts the plan creates: the preview carries it, and a commit whose plan no
    /// longer matches (the directory changed meanwhile) is shown again instead of creating other addresses.</summary>
    public string Fingerprint => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
        System.Text.Encoding.UTF8.GetBytes(string.Join('\n', Rows.Select(r => $"{r.Line}\t{r.Name}\t{r.Address}\t{r.Error}")))));
}
