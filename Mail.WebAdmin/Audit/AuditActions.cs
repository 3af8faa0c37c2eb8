namespace Mail.WebAdmin.Audit;

/// <summary>The codes of audited actions (also the keys of their translated names, prefixed "Audit.").</summary>
internal static class AuditActions
{
    public const string SignIn = "sign-in";
    public const string SignInFailed = "sign-in-failed";
    public const string AccountCreate = "account-create";
    public const string AccountRename = "account-rename";
    public const string AccountQuota = "account-quota";
    public const string AliasAdd = "alias-add";
    public const string AliasRemove = "alias-remove";
    public const string PasswordReset = "password-reset";
    public const string PasswordChange = "password-change";
    public const string AccountDisable = "account-disable";
    public const string AccountEnable = "account-enable";
    public const string AccountDelete = "account-delete";
    public const string AccountPublic = "account-public";
    public const string AccountRole = "account-role";

    /// <summary>Every code, for the translation check.</summary>
    public static readonly IReadOnlyList<string> All =
    [
        SignIn, SignInFailed, AccountCreate, AccountRename, AccountQuota, AliasAdd, AliasRemove, PasswordReset,
        PasswordChange, AccountDisable, AccountEnable, AccountDelete, AccountPublic, AccountRole,
    ];
}
