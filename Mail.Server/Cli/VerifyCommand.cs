using System.CommandLine;
using System.Globalization;
using Mail.Server.Backup;
using Mail.Server.Hosting;

namespace Mail.Server.Cli;

/// <summary><c>verify</c>: checks the data folder's integrity, prints each check, and exits 65 when anything is damaged.</summary>
internal static class VerifyCommand
{
    public static Command Build()
    {
        var command = new Command("verify", "Check the store, spool, directory and keys of the data folder (also while the appliance runs)");
        CommandAction.Set(command, async (r, ct) =>
        {
            var data = CliApplication.InitialisedData(r);
            var report = await new DataVerifier(data, ApplianceConfiguration.Load(data)).VerifyAsync(ct).ConfigureAwait(false);
            Console.WriteLine($"verify {data.Root}");
            foreach (var line in report.Checks)
            {
                Console.WriteLine("  checked " + line);
            }

            foreach (var line in report.Warnings)
            {
                Console.WriteLine("  warning " + line);
            }

            foreach (var line in report.Problems)
            {
                Console.WriteLine("  PROBLEM " + line);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.Problems.Count} problems, {report.Warnings.Count} warnings"));
            if (report.Problems.Count > 0)
            {
                throw new CliException(string.Create(CultureInfo.InvariantCulture, $"verify found {report.Problems.Count} problems in {data.Root} (listed above)"), ExitCodes.DataError);
            }
        });
        return command;
    }
}
