namespace Mail.WebAdmin.Import;

/// <summary>An account an import created, with the initial password to hand over once (on the credential slip).</summary>
internal sealed record ImportedAccount(string Address, string Name, string Password);
