namespace Mail.Directory;

/// <summary>What an address turned out to be.</summary>
public enum AddressKind
{
    /// <summary>The domain is hosted here but nothing has this address.</summary>
    Unknown,

    /// <summary>An account's primary address or alias.</summary>
    Account,

    /// <summary>A group's address or alias.</summary>
    Group,

    /// <summary>The domain is not hosted here.</summary>
    NotHosted,
}
