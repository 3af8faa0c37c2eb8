namespace Mail.Directory;

/// <summary>Names of the attributes and classes the appliance reads, so an external directory
/// (Active Directory: <c>user</c>, <c>group</c>, <c>proxyAddresses</c>...) can be mapped onto them.</summary>
public sealed class AttributeMap
{
    /// <summary>Object class of people.</summary>
    public string PersonClass { get; set; } = "inetOrgPerson";

    /// <summary>Object class of groups.</summary>
    public string GroupClass { get; set; } = "groupOfNames";

    /// <summary>Primary address.</summary>
    public string Mail { get; set; } = "mail";

    /// <summary>Additional addresses (aliases).</summary>
    public string Alias { get; set; } = "mailLocalAddress";

    /// <summary>Display name.</summary>
    public string Name { get; set; } = "cn";

    /// <summary>Group membership (DN-valued).</summary>
    public string Member { get; set; } = "member";

    /// <summary>Boolean "account disabled" attribute; empty when the directory has none.</summary>
    public string Disabled { get; set; } = "maAccountDisabled";

    /// <summary>Quota in bytes; empty when the directory has none.</summary>
    public string Quota { get; set; } = "maQuota";

    /// <summary>Group sender policy; empty when the directory has none (every group then accepts anyone).</summary>
    public string SenderPolicy { get; set; } = "maSenderPolicy";

    /// <summary>Addresses allowed to send to a group with policy "senders".</summary>
    public string AllowedSender { get; set; } = "maAllowedSender";

    /// <summary>Administrative role.</summary>
    public string Role { get; set; } = "maRole";

    /// <summary>Domains an administrator manages.</summary>
    public string ManagedDomain { get; set; } = "maManagedDomain";

    /// <summary>Published in the public contact list.</summary>
    public string Public { get; set; } = "maPublic";

    /// <summary>A person's title, shown in the public contact list (Active Directory: <c>title</c> too).</summary>
    public string Title { get; set; } = "title";

    /// <summary>A person's organisational unit, shown in the public contact list (Active Directory: <c>department</c>).</summary>
    public string Unit { get; set; } = "ou";
}
