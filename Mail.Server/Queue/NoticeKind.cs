namespace Mail.Server.Queue;

/// <summary>What a delivery status notification reports (RFC 3464 Action).</summary>
public enum NoticeKind
{
    /// <summary>The message will not be delivered to these recipients.</summary>
    Failed,

    /// <summary>Not delivered yet; the queue keeps trying.</summary>
    Delayed,
}
