using System.CommandLine;
using Mail.WebAdmin.Audit;
using Mail.Server.Hosting;
using Microsoft.Data.Sqlite;

namespace Mail.Server.Cli;

/// <summary>Writes the audit entry of a change made with the command line into the appliance's one audit log (the
/// web admin's, DATA/web/audit.db, shown on its audit page): the actor is "cli:" and the Unix user, the address
/// "local". Written once the change has been made; a detail never holds a password.</summary>
internal static class CommandAudit
{
    /// <summary>Where a command-line change comes from: a shell on the appliance, not the network.</summary>
    public const string Source = "local";

    /// <summary>The actor of this process's changes.</summary>
    public static string Actor => "cli:" + Environment.UserName;

    /// <summary>Records a change already made to <paramref name="target"/> (an address, a domain or a queue id). The
    /// entry belongs to <paramref name="domain"/> (what a domain admin sees), by default the address's domain or the
    /// target itself when it is a domain.</summary>
    public static Task RecordAsync(ParseResult result, string action, string target, string detail = "", string? domain = null) =>
        RecordAsync(CliApplication.Data(result), action, target, detail, domain);

    /// <summary>Records a change already made to the appliance in <paramref name="data"/> (see the overload above); an
    /// empty <paramref name="domain"/> makes the entry the appliance admins' alone.</summary>
    public static async Task RecordAsync(DataFolder data, string action, string target, string detail = "", string? domain = null)
    {
        var entry = new AuditEntry(DateTimeOffset.UtcNow, Actor, Source, action, target, domain ?? DomainOf(target), detail);
        try
        {
            // Not cancellable: the change stands, so its entry is written even when the command is being interrupted.
            await new AuditLog(data.WebFolder).RecordAsync(entry, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SqliteException or IOException or UnauthorizedAccessException)
        {
            throw new CliException($"the change to {target} was made, but the audit log could not record it: {ex.Message}");
        }
    }

    /// <summary>The domain of an address; a domain is its own.</summary>
    public static string DomainOf(string addressOrDomain) => addressOrDomain[(addressOrDomain.LastIndexOf('@') + 1)..];
}
