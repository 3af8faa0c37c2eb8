namespace Mail.Server.Imap;

/// <summary>The IMAP connection states (RFC 9051 3), as flags so a command can name where it is allowed.</summary>
[Flags]
public enum ImapState
{
    /// <summary>Before LOGIN/AUTHENTICATE.</summary>
    NotAuthenticated = 1,

    /// <summary>Logged in, no mailbox selected.</summary>
    Authenticated = 2,

    /// <summary>A mailbox is selected.</summary>
    Selected = 4,

    /// <summary>LOGOUT was given.</summary>
    Logout = 8,

    /// <summary>Any state but Logout.</summary>
    Any = NotAuthenticated | Authenticated | Selected,

    /// <summary>Logged in, with or without a mailbox.</summary>
    LoggedIn = Authenticated | Selected,
}
