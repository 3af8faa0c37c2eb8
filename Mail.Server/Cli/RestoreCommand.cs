using System.CommandLine;
using Mail.Server.Backup;

namespace Mail.Server.Cli;

/// <summary><c>restore --from FILE --data NEWDIR</c>: a backup into a new (or empty) data folder.</summary>
internal static class RestoreCommand
{
    public static Command Build()
    {
        var command = new Command("restore", "Restore a backup into a new or empty data folder (--data)");
        var from = new Option<string>("--from") { Description = "The backup file", Required = true };
        command.Add(from);
        CommandAction.Set(command, (r, ct) =>
            new BackupRestorer(Console.Out).RestoreAsync(r.GetRequiredValue(from), CliApplication.Data(r), ct));
        return command;
    }
}
