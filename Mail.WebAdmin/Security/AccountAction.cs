namespace Mail.WebAdmin.Security;

/// <summary>What an administrator can do to an account; <see cref="AdminScope"/> decides who may do which.</summary>
internal enum AccountAction
{
    /// <summary>See it in the list and open it.</summary>
    View,

    /// <summary>Create it.</summary>
    Create,

    /// <summary>Change its name, aliases or quota.</summary>
    Edit,

    /// <summary>Set a new password for it.</summary>
    ResetPassword,

    /// <summary>Disable or enable it.</summary>
    Disable,

    /// <summary>Delete it.</summary>
    Delete,
}
