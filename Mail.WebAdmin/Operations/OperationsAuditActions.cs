namespace Mail.WebAdmin.Operations;

/// <summary>The audited actions of the domain, group, queue and import pages (the keys of their translated names,
/// prefixed "Audit.", live in OperationsResource).</summary>
internal static class OperationsAuditActions
{
    public const string DomainAdd = "domain-add";
    public const string GroupCreate = "group-create";
    public const string GroupDelete = "group-delete";
    public const string GroupMemberAdd = "group-member-add";
    public const string GroupMemberRemove = "group-member-remove";
    public const string GroupAliasAdd = "group-alias-add";
    public const string GroupAliasRemove = "group-alias-remove";
    public const string GroupPolicy = "group-policy";
    public const string GroupPublic = "group-public";
    public const string GroupSenderAdd = "group-sender-add";
    public const string GroupSenderRemove = "group-sender-remove";
    public const string QueueRetry = "queue-retry";
    public const string QueueDelete = "queue-delete";
    public const string AccountImport = "account-import";

    /// <summary>Every code, for the translation check.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        DomainAdd, GroupCreate, GroupDelete, GroupMemberAdd, GroupMemberRemove, GroupAliasAdd, GroupAliasRemove, GroupPolicy, GroupPublic, GroupSenderAdd, GroupSenderRemove,
        QueueRetry, QueueDelete, AccountImport,
    ];
}
