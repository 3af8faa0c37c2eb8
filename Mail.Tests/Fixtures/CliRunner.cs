using System.Diagnostics;

namespace Mail.Tests.Fixtures;

/// <summary>Runs the real appliance executable (Mail.Server.dll, built next to the tests) as a child process.</summary>
internal sealed class CliRunner(string dataDirectory, int directoryPort)
{
    /// <summary>The MX port a <c>run</c> of this runner listens on (other mail listeners are off in tests).</summary>
    public int SmtpPort { get; } = FreePort.Next();

    public string DataDirectory { get; } = dataDirectory;

    public int DirectoryPort { get; } = directoryPort;

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

    /// <summary>Starts a long-running command (such as <c>run</c>) and returns the process.</summary>
    public Process Start(params string[] args)
    {
        var process = Process.Start(StartInfo(args))!;
        process.StandardInput.Close();
        return process;
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
        foreach (var listener in new[] { "Submission", "SubmissionTls", "Imap", "ImapTls", "Pop3", "Pop3Tls", "Admin" })
        {
            start.Environment[$"Mail__{listener}__Port"] = "0";
        }

        start.Environment.Remove("MAILAPPLIANCE_DATA");
        return start;
    }
}
