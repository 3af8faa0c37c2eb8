namespace Mail.WebAdmin.Engine;

/// <summary>The mail engine's counts at one moment.</summary>
/// <param name="QueuedMessages">Messages waiting in the outbound queue.</param>
/// <param name="StoredMessages">Message bodies in the store.</param>
/// <param name="StoreBytes">Bytes of the store's bodies.</param>
public sealed record EngineStatistics(int QueuedMessages, long StoredMessages, long StoreBytes);
