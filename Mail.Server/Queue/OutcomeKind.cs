namespace Mail.Server.Queue;

/// <summary>How an attempt ended for one recipient.</summary>
public enum OutcomeKind
{
    /// <summary>Accepted by the receiving server.</summary>
    Delivered,

    /// <summary>A temporary failure: try again later.</summary>
    Deferred,

    /// <summary>A permanent failure: return to the sender.</summary>
    Failed,
}
