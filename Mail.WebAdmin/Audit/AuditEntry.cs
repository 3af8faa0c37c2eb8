namespace Mail.WebAdmin.Audit;

/// <summary>One change made through the web admin.</summary>
/// <param name="At">When (UTC).</param>
/// <param name="Actor">The signed-in account that made it (or the login tried, for a failed sign-in).</param>
/// <param name="Remote">The client address it came from.</param>
/// <param name="Action">What was done, as a stable code (<see cref="AuditActions"/>).</param>
/// <param name="Target">What it was done to (an address).</param>
/// <param name="Domain">The target's domain, so a domain admin sees their domains' entries only.</param>
/// <param name="Detail">The new value where one helps (a name, an alias, a quota); never a password.</param>
public sealed record AuditEntry(DateTimeOffset At, string Actor, string Remote, string Action, string Target, string Domain, string Detail);
