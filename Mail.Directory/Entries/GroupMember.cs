namespace Mail.Directory;

/// <summary>One direct member of a group.</summary>
public sealed record GroupMember(MemberKind Kind, string Address, string Dn);
