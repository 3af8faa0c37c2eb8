namespace Mail.Server.Store;

/// <summary>One delivery waiting for the next group commit of the index.</summary>
internal sealed class PendingDelivery(StoredBody body, MessageAnalysis analysis, IReadOnlyList<string> accounts, DateTimeOffset internalDate, DeliveryFolder folder, byte[]? staged)
{
    private readonly TaskCompletionSource<IReadOnlyDictionary<string, long>> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public StoredBody Body => body;

    public MessageAnalysis Analysis => analysis;

    public IReadOnlyList<string> Accounts => accounts;

    public DateTimeOffset InternalDate => internalDate;

    public DeliveryFolder Folder => folder;

    /// <summary>The bytes of a body published without a sync, or null.</summary>
    public byte[]? Staged => staged;

    /// <summary>The UIDs each account got, once the transaction holding this delivery committed.</summary>
    public Task<IReadOnlyDictionary<string, long>> Done => _done.Task;

    public void Complete(IReadOnlyDictionary<string, long> uids) => _done.TrySetResult(uids);

    public void Fail(Exception error) => _done.TrySetException(error);
}
