using System.CommandLine;
using Mail.Server.Hosting;

namespace Mail.Server.Cli;

/// <summary>The <c>mailappliance</c> command line: builds the command tree and turns parse errors into one line.</summary>
internal static class CliApplication
{
    private static readonly Option<string?> DataOption = new("--data")
    {
        Description = "The data folder (default: $MAILAPPLIANCE_DATA, else ./data)",
        Recursive = true,
    };

    public static RootCommand Build()
    {
        var root = new RootCommand("MailAppliance: a self-hosted mail server and directory for schools and education authorities")
        {
            DataOption,
            InitCommand.Build(),
            RunCommand.Build(),
            DomainCommands.Build(),
            UserCommands.Build(),
            AliasCommands.Build(),
            GroupCommands.Build(),
            MailboxCommands.Build(),
            QueueCommands.Build(),
            DkimCommands.Build(),
            BackupCommand.Build(),
            RestoreCommand.Build(),
            VerifyCommand.Build(),
            HealthCommand.Build(),
        };
        return root;
    }

    /// <summary>The data folder of every command; refused to root when another user owns it (see <see cref="OwnedByCaller"/>).</summary>
    public static DataFolder Data(ParseResult result) => OwnedByCaller(DataFolder.FromOption(result.GetValue(DataOption)));

    /// <summary><paramref name="data"/>, unless this is root and the folder belongs to another user: what root writes
    /// there (the audit log and its WAL files, DKIM keys, the store's index) would be root's, and the appliance, run as
    /// the folder's owner, could no longer write it.</summary>
    public static DataFolder OwnedByCaller(DataFolder data)
    {
        if (Environment.IsPrivilegedProcess && FolderOwner.Of(data.Root) is { Uid: not 0 } owner)
        {
            var name = FolderOwner.NameOf(owner.Uid);
            var switchUser = name.StartsWith("uid ", StringComparison.Ordinal)
                ? $"setpriv --reuid={owner.Uid} --regid={owner.Gid} --clear-groups"
                : $"runuser -u {name}";
            throw new CliException(
                $"{data.Root} belongs to {name}: run mailappliance as that user, not as root (for example '{switchUser} -- mailappliance …'), so the appliance can still write what the command creates");
        }

        return data;
    }

    /// <summary>The data folder of a command that needs an appliance in it; says what to do when there is none.</summary>
    public static DataFolder InitialisedData(ParseResult result) => Initialised(Data(result));

    /// <summary><paramref name="data"/>, when init has made an appliance in it.</summary>
    public static DataFolder Initialised(DataFolder data) => data.IsInitialised
        ? data
        : throw new CliException($"{data.Root} is not an appliance data folder: run 'init --data {data.Root} …' first");

    public static async Task<int> RunAsync(string[] args)
    {
        var root = Build();
        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            var message = result.UnmatchedTokens.Count > 0
                ? $"unknown command or argument '{result.UnmatchedTokens[0]}'"
                : string.Join(' ', result.Errors[0].Message.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            await Console.Error.WriteLineAsync($"mailappliance: {message} (see 'mailappliance --help')").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        return await result.InvokeAsync(Invocation).ConfigureAwait(false);
    }

    // System.CommandLine ends the process 2 s after SIGTERM by default: `run` stopping under load (sessions closing,
    // staged bodies synced, slapd stopped last) was cut off there and left its slapd running. The host's own shutdown
    // timeout (30 s) now bounds the stop; this only catches a host that overruns even that.
    private static readonly InvocationConfiguration Invocation = new() { ProcessTerminationTimeout = TimeSpan.FromSeconds(40) };
}
