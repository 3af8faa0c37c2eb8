namespace Mail.Server.Store;

/// <summary>One stored message: its body and the UID it got in each recipient's INBOX.</summary>
public sealed record DeliveryResult(StoredBody Body, IReadOnlyDictionary<string, long> UidByAccount);
