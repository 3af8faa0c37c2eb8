namespace Mail.Directory;

/// <summary>The answer to "what is this address?": its kind, the canonical (primary) address and the entry DN.</summary>
public sealed record AddressResolution(AddressKind Kind, string Address, string? PrimaryAddress, string? Dn, bool Disabled = false);
