using System.CommandLine;
using Mail.Server.Backup;
using Mail.Server.Hosting;

namespace Mail.Server.Cli;

/// <summary><c>backup --to FILE</c>: an online backup of the data folder (works while <c>run</c> is up).</summary>
internal static class BackupCommand
{
    public static Command Build()
    {
        var command = new Command("backup", "Back up the data folder into a tar file (.tar.gz or .tgz: compressed), also while the appliance runs");
        var to = new Option<string>("--to") { Description = "The backup file to write (replaced when it exists)", Required = true };
        command.Add(to);
        CommandAction.Set(command, async (r, ct) =>
        {
            var data = CliApplication.Data(r);
            if (!data.IsInitialised)
            {
                throw new CliException($"{data.Root} is not an appliance data folder: nothing to back up");
            }

            await new BackupWriter(data, ApplianceConfiguration.Load(data), Console.Out).WriteAsync(r.GetRequiredValue(to), ct).ConfigureAwait(false);
        });
        return command;
    }
}
