namespace Mail.Server.Queue;

/// <summary>The jobs waiting for one destination domain and how many connections (lanes) work on them; guarded by the
/// queue's lock.</summary>
internal sealed class DomainLanes
{
    /// <summary>Jobs not yet taken by a lane, in the order they fell due.</summary>
    public Queue<DeliveryJob> Waiting { get; } = new();

    /// <summary>How many lanes (each one connection) are running.</summary>
    public int Running { get; set; }

    /// <summary>The lanes' tasks, for waiting on them; completed ones are pruned when a lane is added.</summary>
    public List<Task> Tasks { get; } = [];

    /// <summary>How many lanes are delivering a job right now.</summary>
    public int Active { get; set; }
}
