namespace Mail.Directory;

/// <summary>What a published address belongs to.</summary>
public enum PublicContactKind
{
    /// <summary>A person's account (the head of the authority, a clerk).</summary>
    Person,

    /// <summary>An e-mail group (the document office, the complaints address).</summary>
    Group,
}
