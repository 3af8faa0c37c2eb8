namespace Mail.Server.Queue;

/// <summary>Where one queued recipient stands.</summary>
public enum RecipientState
{
    /// <summary>Waiting for its next attempt.</summary>
    Pending = 0,

    /// <summary>A receiving server accepted it (250 after DATA).</summary>
    Delivered = 1,

    /// <summary>Given up (permanent failure or out of time); the sender was told.</summary>
    Failed = 2,
}
