using System.Diagnostics;
using System.Text;

namespace Mail.Tests.Packaging;

/// <summary>Runs <c>packaging/smoke-test.sh</c> (the container image built, run with podman, mail sent and read, a
/// restart on the same volume) when podman works on this machine; otherwise the test is skipped with the reason.
/// <c>MAILAPPLIANCE_SMOKE=0</c> skips it on purpose; <c>SMOKE_REUSE_IMAGE=1</c> passes through to reuse a built image.</summary>
[NonParallelizable]
internal sealed class ContainerSmokeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(20);

    [Test]
    public async Task SmokeTest_TheImageServesMail_AndKeepsItAcrossARestart()
    {
        if (Environment.GetEnvironmentVariable("MAILAPPLIANCE_SMOKE") == "0")
        {
            Skip("MAILAPPLIANCE_SMOKE=0");
        }

        var script = FindScript();
        if (await PodmanProblemAsync(Path.GetDirectoryName(script)!) is { } problem)
        {
            Skip(problem);
        }

        var (exitCode, output) = await RunAsync("bash", [script], Limit);
        await TestContext.Out.WriteLineAsync(output);
        Assert.That(exitCode, Is.Zero, output);
        Assert.That(output, Does.Contain("smoke test passed"));
        Assert.That(output, Does.Contain("the message survived").And.Contain("the account annv@smoke.edu.vn survived"));
    }

    private static void Skip(string reason)
    {
        TestContext.Progress.WriteLine($"container smoke test skipped: {reason}");
        Assert.Ignore($"container smoke test skipped: {reason}");
    }

    // The same setup the scripts use: rootful podman with runc and the project's containers.conf.
    private static async Task<string?> PodmanProblemAsync(string packaging)
    {
        if (Environment.UserName != "root")
        {
            return "it needs root (rootful podman and debootstrap), and this run is not root";
        }

        if (!File.Exists("/usr/bin/podman") || !File.Exists("/usr/sbin/runc"))
        {
            return "podman or runc is not installed (./mailappliance test installs them)";
        }

        var (exitCode, output) = await RunAsync("podman", ["--runtime", "/usr/sbin/runc", "info", "--format", "{{.Host.OCIRuntime.Name}}"], TimeSpan.FromMinutes(1),
            ("CONTAINERS_CONF", Path.Combine(packaging, "containers.conf")));
        return exitCode == 0 ? null : $"'podman info' fails here: {output.Trim().Split('\n')[^1]}";
    }

    private static string FindScript()
    {
        for (var folder = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); folder is not null; folder = folder.Parent)
        {
            var script = Path.Combine(folder.FullName, "packaging", "smoke-test.sh");
            if (File.Exists(script))
            {
                return script;
            }
        }

        Assert.Fail("packaging/smoke-test.sh not found above " + TestContext.CurrentContext.TestDirectory);
        return string.Empty;
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, string[] arguments, TimeSpan limit, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        var output = new StringBuilder();
        var lines = new object();
        process.OutputDataReceived += (_, e) => { lock (lines) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (lines) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{program} did not finish within {limit.TotalMinutes} minutes: {output}");
        }

        await process.WaitForExitAsync();
        lock (lines)
        {
            return (process.ExitCode, output.ToString());
        }
    }
}
