namespace Mail.Directory;

/// <summary>An address published in the public contact list (Circular Art. 4.2, 8.1, 9.1): only what may be shown to
/// anyone, never members, aliases, roles or state.</summary>
/// <param name="Kind">A person or a group.</param>
/// <param name="Address">The primary address.</param>
/// <param name="Name">The display name in NFC.</param>
/// <param name="Title">The person's title ("Hiệu trưởng"), when the directory has one.</param>
/// <param name="Unit">The organisational unit ("Tổ Toán"), when the directory has one.</param>
public sealed record PublicContact(PublicContactKind Kind, string Address, string Name, string? Title, string? Unit);
