namespace Mail.Directory;

/// <summary>What a group member is.</summary>
public enum MemberKind
{
    /// <summary>A local account.</summary>
    Account,

    /// <summary>A nested group.</summary>
    Group,

    /// <summary>An address outside the hosted domains (a contact entry).</summary>
    External,
}
