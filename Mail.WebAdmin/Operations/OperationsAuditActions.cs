namespace Mail.WebAdmin.Operations;

/// <summary>The audited actions of the domain, group, queue and import pages and of the CLI's domain, DKIM, queue, init
/// and restore commands (the keys of their translated names, prefixed "Audit.", live in OperationsResource).</summary>
public static class OperationsAuditActions
{
    public const string DomainAdd = "domain-add";
    public const string DomainRemove = "domain-remove";
    public const string DkimGenerate = "dkim-generate";
    public const string DkimActivate = "dkim-activate";
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
    public const string QueueFlush = "queue-flush";
    public const string AccountImport = "account-import";
    public const string ApplianceInit = "appliance-init";
    public const string ApplianceRestore = "appliance-restore";

    /// <summary>Every code, for the translation check.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        DomainAdd, DomainRemove, DkimGenerate, DkimActivate, GroupCreate, GroupDelete, GroupMemberAdd, GroupMemberRemove, GroupAliasAdd, GroupAliasRemove,
        GroupPolicy, GroupPublic, GroupSenderAdd, GroupSenderRemove, QueueRetry, QueueDelete, QueueFlush, AccountImport,
        ApplianceInit, ApplianceRestore,
    ];
}
