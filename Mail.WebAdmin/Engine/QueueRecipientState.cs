namespace Mail.WebAdmin.Engine;

/// <summary>Where a queued recipient stands.</summary>
public enum QueueRecipientState
{
    /// <summary>Waiting for its next attempt.</summary>
    Waiting,

    /// <summary>Accepted by the receiving server.</summary>
    Delivered,

    /// <summary>Given up; the sender was told.</summary>
    Failed,
}
