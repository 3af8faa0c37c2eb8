namespace Mail.Directory;

/// <summary>Who may send mail to a group.</summary>
public enum SenderPolicy
{
    /// <summary>Anyone, including outside senders.</summary>
    Anyone,

    /// <summary>Only the group's own members (after expansion).</summary>
    Members,

    /// <summary>Only senders in the group's own domain.</summary>
    Domain,

    /// <summary>Only the addresses listed as allowed senders.</summary>
    Senders,
}
