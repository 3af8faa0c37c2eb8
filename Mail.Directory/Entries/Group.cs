namespace Mail.Directory;

/// <summary>An e-mail group as the directory holds it.</summary>
public sealed record Group(
    string Address,
    string Name,
    string Dn,
    SenderPolicy Policy,
    IReadOnlyList<GroupMember> Members,
    IReadOnlyList<string> AllowedSenders,
    IReadOnlyList<string> Aliases,
    bool Public);
