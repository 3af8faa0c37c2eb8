namespace Mail.Directory;

/// <summary>A mail account as the directory holds it.</summary>
public sealed record Account(
    string Address,
    string Name,
    string Dn,
    IReadOnlyList<string> Aliases,
    bool Disabled,
    long? QuotaBytes,
    IReadOnlyList<string> Roles,
    IReadOnlyList<string> ManagedDomains,
    bool Public);
