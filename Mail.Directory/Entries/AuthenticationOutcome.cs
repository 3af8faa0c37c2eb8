namespace Mail.Directory;

/// <summary>How a password check ended.</summary>
public enum AuthenticationOutcome
{
    /// <summary>The right password for an enabled account.</summary>
    Success,

    /// <summary>Unknown login, wrong or empty password: one outcome, so callers cannot tell which.</summary>
    InvalidCredentials,

    /// <summary>Right password, but the account is disabled.</summary>
    Disabled,
}
