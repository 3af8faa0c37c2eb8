using System.CommandLine;
using Mail.Server.Backup;
using Mail.WebAdmin.Operations;

namespace Mail.Server.Cli;

/// <summary><c>restore --from FILE --data NEWDIR</c>: a backup into a new (or empty) data folder.</summary>
internal static class RestoreCommand
{
    public static Command Build()
    {
        var command = new Command("restore", "Restore a backup into a new or empty data folder (--data)");
        var from = new Option<string>("--from") { Description = "The backup file", Required = true };
        command.Add(from);
        CommandAction.Set(command, async (r, ct) =>
        {
            var file = Path.GetFullPath(r.GetRequiredValue(from));
            var data = CliApplication.Data(r);
            await new BackupRestorer(Console.Out).RestoreAsync(file, data, ct).ConfigureAwait(false);

            // After the restored log: the restore is the newest entry, the appliance admins' alone.
            await CommandAudit.RecordAsync(data, OperationsAuditActions.ApplianceRestore, file, domain: string.Empty).ConfigureAwait(false);
        });
        return command;
    }
}
