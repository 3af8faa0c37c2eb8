namespace Mail.Directory.Ldap;

/// <summary>Why the directory refused a management request, so a user interface can say it in its own language
/// (the exception's message stays the English sentence the CLI prints). The comments name the arguments.</summary>
public enum DirectoryRefusal
{
    /// <summary>No code: only the English message says why.</summary>
    Unspecified,

    /// <summary>The external directory is read-only for the appliance.</summary>
    ReadOnly,

    /// <summary>No address was given.</summary>
    AddressRequired,

    /// <summary>{0}: the text that is not a valid mail address.</summary>
    InvalidAddress,

    /// <summary>{0}: the text that is not a valid domain name.</summary>
    InvalidDomain,

    /// <summary>{0}: a domain this appliance does not host.</summary>
    UnknownDomain,

    /// <summary>{0}: a domain that is hosted already.</summary>
    DomainExists,

    /// <summary>{0}: a domain that still holds accounts or groups.</summary>
    DomainNotEmpty,

    /// <summary>{0}: an address an account or group already has.</summary>
    AddressTaken,

    /// <summary>{0}: an address that is already an alias; {1}: the account or group that has it.</summary>
    AddressTakenByAlias,

    /// <summary>{0}: an address that is no account.</summary>
    UnknownAccount,

    /// <summary>{0}: an address that is no group.</summary>
    UnknownGroup,

    /// <summary>{0}: an address of a hosted domain that is neither an account nor a group.</summary>
    UnknownAccountOrGroup,

    /// <summary>No name was given.</summary>
    NameRequired,

    /// <summary>The name is too long or holds a control character.</summary>
    NameInvalid,

    /// <summary>The title is too long or holds a control character.</summary>
    TitleInvalid,

    /// <summary>The unit is too long or holds a control character.</summary>
    UnitInvalid,

    /// <summary>No password was given.</summary>
    PasswordRequired,

    /// <summary>{0}: the shortest length accepted.</summary>
    PasswordTooShort,

    /// <summary>{0}: the longest length accepted.</summary>
    PasswordTooLong,

    /// <summary>The password holds a control character.</summary>
    PasswordControlCharacter,

    /// <summary>The password is (or starts as) a commonly used one.</summary>
    PasswordCommon,

    /// <summary>The password contains the account's name.</summary>
    PasswordContainsAccountName,

    /// <summary>A short password without enough kinds of characters.</summary>
    PasswordTooSimple,

    /// <summary>A quota that is not a positive number of bytes.</summary>
    QuotaNotPositive,

    /// <summary>{0}: a role the appliance does not know.</summary>
    UnknownRole,

    /// <summary>Managed domains were given with a role that does not take them.</summary>
    ManagedDomainsNeedDelegatedRole,

    /// <summary>{0}: an address that is not an alias of {1}.</summary>
    NotAnAlias,

    /// <summary>{0}: an alias used where the primary address {1} is needed.</summary>
    AliasNotPrimary,

    /// <summary>{0}: an address that is a member of the group {1} already.</summary>
    AlreadyMember,

    /// <summary>{0}: an address that is not a member of the group {1}.</summary>
    NotMember,

    /// <summary>Adding the group {0} to the group {1} would make a cycle.</summary>
    GroupCycle,

    /// <summary>{0}: an address that is an allowed sender of the group {1} already.</summary>
    AlreadySender,

    /// <summary>{0}: an address that is not an allowed sender of the group {1}.</summary>
    NotSender,
}
