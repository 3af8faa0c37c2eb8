using Mail.WebAdmin.Audit;
using Mail.WebAdmin.Security;

namespace Mail.WebAdmin.Operations;

/// <summary>Writes the audit entry of a change made through the domain, group, queue and import pages.</summary>
internal sealed class ChangeRecorder(AuditLog audit, TimeProvider time)
{
    /// <summary>Records a change already made. Not cancellable: the change stands, so its entry is written even when
    /// the browser has gone away meanwhile.</summary>
    /// <param name="domain">The domain whose admins see the entry.</param>
    public Task RecordAsync(AdminActor actor, string action, string target, string domain, string detail) =>
        audit.RecordAsync(new AuditEntry(time.GetUtcNow(), actor.Address, actor.Remote, action, target, domain, detail), CancellationToken.None);
}
