using System.Threading.Channels;

namespace Mail.Server.Queue;

/// <summary>The jobs for one destination domain and the lanes (each one connection) working on them; the counters
/// are guarded by the runner's lock.</summary>
internal sealed class DomainLanes
{
    /// <summary>Jobs not yet taken by a lane, in the order they fell due.</summary>
    public Channel<DeliveryJob> Jobs { get; } = Channel.CreateUnbounded<DeliveryJob>();

    /// <summary>How many lanes are running (delivering, or idle with their connection open for more).</summary>
    public int Running { get; set; }

    /// <summary>How many lanes are delivering a job right now.</summary>
    public int Active { get; set; }

    /// <summary>The lanes' tasks, for waiting on them; completed ones are pruned when a lane is added.</summary>
    public List<Task> Tasks { get; } = [];
}
