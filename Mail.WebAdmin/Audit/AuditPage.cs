namespace Mail.WebAdmin.Audit;

/// <summary>One page of the audit log, newest first.</summary>
/// <param name="Entries">The entries on the page.</param>
/// <param name="Total">Entries in all the pages.</param>
public sealed record AuditPage(IReadOnlyList<AuditEntry> Entries, int Total);
