namespace Mail.Server.Store;

/// <summary>How STORE changes a message's flags.</summary>
public enum FlagChange
{
    /// <summary>FLAGS: the given flags replace the message's.</summary>
    Replace,

    /// <summary>+FLAGS: the given flags are added.</summary>
    Add,

    /// <summary>-FLAGS: the given flags are removed.</summary>
    Remove,
}
