using System.Diagnostics;

namespace Mail.Tests.Fixtures;

/// <summary>Runs the real appliance executable (Mail.Server.dll, built next to the tests) as a child process.</summary>
internal sealed class CliRunner(string dataDirectory, int directoryPort)
{
    /// <summary>The MX port a <c>run</c> of this runner listens on (other mail listeners are off in tests).</summary>
    public int SmtpPort { get; } = FreePort.Next();

    public string DataDirectory { get; } = dataDirectory;

    /// <summary>Extra environment for the child (for example a listener port to turn on).</summary>
    public Dictionary<string, string> Environment { get; } = [];

    public int DirectoryPort { get; } = directoryPort;

    /// <summary>Runs <c>init</c> into a fresh data folder under <paramref name="root"/> with a private slapd port.</summary>
    public static async Task<(CliRunner Cli, CliResult Init)> InitAsync(string root, string domain, string adminPassword)
    {
        var cli = new CliRunner(Path.Combine(root, "data"), FreePort.Next());
        var init = await cli.RunAsync("init", "--domain", domain, "--admin-password", adminPassword);
        Assert.That(init.ExitCode, Is.Zero, init.ToString());
        return (cli, init);
    }

    public static string ServerDll => Path.Combine(TestContext.CurrentContext.TestDirectory, "Mail.Server.dll");

    public async Task<CliResult> RunAsync(params string[] args)
    {
        using var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs a command that must succeed (exit 0), and returns what it printed.</summary>
    public async Task<CliResult> RunOkAsync(params string[] args)
    {
        var result = await RunAsync(args);
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        return result;
    }

    /// <summary>Starts a long-running command (such as <c>run</c>) and returns the process.</summary>
    public Process Start(params string[] args)
    {
        var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        return process;
    }

    /// <summary>Sends a signal (TERM, KILL, STOP, CONT…) to a process.</summary>
    public static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    /// <summary>Reads a <c>run</c>'s log until it says it is running (into <paramref name="log"/> when given); returns
    /// the slapd pid it started (0 if it shared one).</summary>
    public static async Task<int> WaitUntilRunningAsync(Process run, List<string>? log = null)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var slapdPid = 0;
        while (await run.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            log?.Add(line);
            var marker = line.IndexOf("Started slapd (pid ", StringComparison.Ordinal);
            if (marker >= 0)
            {
                var digits = new string(line[(marker + 19)..].TakeWhile(char.IsDigit).ToArray());
                slapdPid = int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
            }

            if (line.Contains("MailAppliance running", StringComparison.Ordinal))
            {
                // Keep draining the log so the child never blocks on a full pipe.
                _ = run.StandardOutput.ReadToEndAsync(CancellationToken.None);
                return slapdPid;
            }
        }

        Assert.Fail("the appliance exited before it was running: " + await run.StandardError.ReadToEndAsync(timeout.Token));
        return 0;
    }

    private ProcessStartInfo StartInfo(string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(ServerDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.ArgumentList.Add("--data");
        start.ArgumentList.Add(DataDirectory);
        start.Environment["Mail__Directory__Port"] = DirectoryPort.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["Mail__Directory__SyncWrites"] = "false";
        start.Environment["Mail__Listen__Address"] = "127.0.0.1";
        start.Environment["Mail__Smtp__Port"] = SmtpPort.ToString(System.Globalization.CultureInfo.InvariantCulture);

        // Tests stay on loopback: a child appliance must not ask the machine's resolvers about test senders. The
        // inbound checks are tested in-process against the fake DNS server (Mail.Tests/Auth).
        start.Environment["Mail__Auth__Enabled"] = "false";

        // Nor may its queue: mail to a made-up domain must wait (DNS trouble, 4.4.3), not be returned because the
        // machine's resolver says the domain does not exist. Nothing listens on the discard port; tests that want
        // answers point Mail__Dns__Server at their FakeDns.
        start.Environment["Mail__Dns__Server"] = "127.0.0.1:9";
        foreach (var listener in new[] { "Submission", "SubmissionTls", "Imap", "ImapTls", "Pop3", "Pop3Tls", "Admin" })
        {
            start.Environment[$"Mail__{listener}__Port"] = "0";
        }

        start.Environment.Remove("MAILAPPLIANCE_DATA");
        foreach (var (name, value) in Environment)
        {
            start.Environment[name] = value;
        }

        return start;
    }
}
